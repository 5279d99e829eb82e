import {
  asUsersQuestion,
  findCustomQuestion,
  listCustomQuestions,
} from "./custom-questions.server";
import { getBank } from "~/question-bank/load-bank.server";
import { customSlugOf } from "~/question-bank/question-ids";
import type { Question } from "~/question-bank/question-schema";

/**
 * Every question this user may browse, practise and export: the bank, then
 * their own questions (ids behind the custom prefix). Another user's own
 * questions are never among them.
 */
export function questionsForUser(userId: string): Question[] {
  return [...getBank(), ...listCustomQuestions(userId).map(asUsersQuestion)];
}

/** A bank question, or one of this user's own by its prefixed id; anything else is undefined. */
export function findQuestionForUser(userId: string, id: string): Question | undefined {
  const slug = customSlugOf(id);
  if (slug === null) return getBank().find((q) => q.id === id);
  const own = findCustomQuestion(userId, slug);
  return own ? asUsersQuestion(own) : undefined;
}
