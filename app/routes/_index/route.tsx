import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getUser } from "~/auth/session.server";
import { listRecentRounds } from "~/rounds/rounds.server";
import { useDateFormat } from "~/dates/use-date-format";
import type { HydrationHandle } from "~/components/hydration";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  if (!user) return { rounds: null };
  const rounds = listRecentRounds(user.id).map((r) => ({
    id: r.id,
    title: r.title,
    createdAt: r.createdAt,
    finished: r.finishedAt !== null,
  }));
  return { rounds };
}

/** Links only, signed in or out: the home page loads no script. */
export const handle: HydrationHandle = { hydrate: false };

export default function Home() {
  const dates = useDateFormat();
  const { rounds } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>Practise backend interviews the way real loops run them</h1>
      <p className="lede">
        A question appears, a clock runs, you answer. A rubric scores the answer criterion by
        criterion, then probes it with the follow-up questions an interviewer would ask where it was
        thin.
      </p>
      {rounds === null ? (
        <p className="actions">
          <Link className="button-link" to="/signup">
            Create an account
          </Link>{" "}
          to start practising. No key and no network needed: answers are graded on this machine.
        </p>
      ) : (
        <>
          <p className="actions">
            <Link className="button-link" to="/rounds/new">
              Start a new round
            </Link>
          </p>
          <h2>Keep going</h2>
          <ul className="round-list">
            <li>
              <Link to="/practice-queue">Answers due for another try</Link>
            </li>
            <li>
              <Link to="/stories">Your STAR story bank</Link>
            </li>
            <li>
              <Link to="/questions">Browse the bank and its rubrics</Link>
            </li>
            <li>
              <Link to="/readiness">How ready you are for your target role</Link>
            </li>
          </ul>
          <h2>Your recent rounds</h2>
          {rounds.length === 0 ? (
            <p className="muted">No rounds yet.</p>
          ) : (
            <ul className="round-list">
              {rounds.map((r) => (
                <li key={r.id}>
                  <Link to={`/rounds/${r.id}`}>{r.title}</Link>{" "}
                  <span className="muted">
                    {dates.dateTime(r.createdAt)} · {r.finished ? "finished" : "in progress"}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
