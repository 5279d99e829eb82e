import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
export { GeneralErrorBoundary as ErrorBoundary } from "~/components/error-boundary";
import { ConfirmDeletionForm } from "~/components/confirm-deletion-form";
import { deleteRound } from "~/rounds/delete-round.server";
import { summariseRounds } from "~/review/round-summaries.server";
import { findRound } from "~/rounds/rounds.server";
import { deleteOnConfirmation } from "~/utils/confirm-deletion.server";
import { invariantResponse } from "~/utils/invariant.server";
import { useDateFormat } from "~/dates/use-date-format";

async function requireOwnRound(request: Request, roundId: string | undefined) {
  const user = await requireUser(request);
  const round = findRound(user.id, roundId ?? "");
  invariantResponse(round, "Round not found");
  return { user, round };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { round } = await requireOwnRound(request, params.roundId);
  const summary = summariseRounds([round.id]).get(round.id);
  return {
    round: { id: round.id, title: round.title, createdAt: round.createdAt },
    answered: summary?.answered ?? 0,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, round } = await requireOwnRound(request, params.roundId);
  return deleteOnConfirmation(request, () => deleteRound(user.id, round.id), {
    to: "/history",
    text: "The round and its answers and grades were deleted.",
  });
}

export default function DeleteRoundPage() {
  const dates = useDateFormat();
  const { round, answered } = useLoaderData<typeof loader>();
  return (
    <section className="narrow">
      <h1>Delete this round?</h1>
      <p>
        <strong>{round.title}</strong>, {dates.timestamp(round.createdAt)}.
      </p>
      <p>
        Its questions, your {answered} {answered === 1 ? "answer" : "answers"}, the follow-up
        answers and every grade will be removed. This cannot be undone;{" "}
        <a href={`/rounds/${round.id}/export.md`}>save it as Markdown</a> first if you want to keep
        a copy.
      </p>
      <ConfirmDeletionForm label="Delete round permanently" />
      <p>
        <Link to={`/rounds/${round.id}/report`}>Keep the round</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = () => [{ title: "Delete round · Rehearse" }];
