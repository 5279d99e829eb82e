import { Form, Link } from "@remix-run/react";
import { Score } from "~/components/score";
import type { AnswerPageData } from "~/answering/answer-page.server";

/**
 * The graded answer's follow-up probes, each with its follow-up: answered and
 * graded, open, or not started (starting one starts its clock: a POST, then
 * its page). Shown only once the main answer has a grade.
 */
export function FollowUpList({
  probes,
  followUps,
  base,
  starting,
}: {
  probes: { question: string }[];
  followUps: AnswerPageData["followUps"];
  /** This question's URL: the follow-ups' pages are below it. */
  base: string;
  starting: boolean;
}) {
  return (
    <section aria-labelledby="follow-ups">
      <h2 id="follow-ups">Follow-up questions</h2>
      <p className="hint">An interviewer would dig here next. Answer them on a shorter clock.</p>
      <ol className="probes">
        {probes.map((probe, i) => {
          const followUp = followUps.find((f) => f.slot === i + 1);
          const page = `${base}/follow-ups/${i + 1}`;
          return (
            <li key={probe.question}>
              <p>{probe.question}</p>
              {followUp?.grade ? (
                <p>
                  <Link to={page}>
                    Follow-up {i + 1}: Overall <Score value={followUp.grade.grade.overall} />
                  </Link>
                </p>
              ) : followUp ? (
                <Link className="button-link" to={page}>
                  {followUp.submittedAt ? `See follow-up ${i + 1}` : `Answer follow-up ${i + 1}`}
                </Link>
              ) : (
                <Form method="post" action={`${base}/start?slot=${i + 1}`}>
                  <button type="submit" disabled={starting}>
                    Answer follow-up {i + 1}
                  </button>
                </Form>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
