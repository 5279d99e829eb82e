import { requireUser } from "~/auth/session.server";
import { invariantResponse } from "~/utils/invariant.server";
import { findCustomQuestion } from "./custom-questions.server";

/** The signed-in user and their own question named by the URL; anyone else's, or none, is a 404. */
export async function requireOwnQuestion(request: Request, slug: string | undefined) {
  const user = await requireUser(request);
  const question = findCustomQuestion(user.id, slug ?? "");
  invariantResponse(question, "Question not found");
  return { user, question };
}
