import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { rounds } from "../../db/schema";
import { getDb } from "~/db.server";
import {
  action as questionAction,
  loader as questionLoader,
} from "~/routes/rounds.$roundId.questions.$position._index/route";
import { action as startAction } from "~/routes/rounds.$roundId.questions.$position.start/route";
import { action as newRoundAction } from "~/routes/rounds.new/route";
import { get, post, run, type createSignedInUser } from "./routes";

/** Factories for the review pages' tests: real rounds taken through the real routes, graded offline. */

export type TestUser = Awaited<ReturnType<typeof createSignedInUser>>;

export const GOOD_ANSWER =
  "REST models the domain as resources such as /orders/42 identified by URIs. The HTTP method carries the intent: GET reads and POST creates, " +
  "and GET is idempotent so it is safe to retry. Each request is stateless because it carries its own token, which lets any instance serve it.";

export const STORY_ANSWER =
  "Situation: our checkout API started failing at 2am and the error rate hit 18%. Task: I was on call and owned the recovery. " +
  "Action: I rolled back the deploy, added a canary check and wrote the postmortem. Result: errors fell under 0.5% within 12 minutes.";

interface RoundOptions {
  kinds?: string[];
  skills?: string[];
  count?: number;
  /** Answers to submit, one per question in order; fewer leaves the rest unanswered. */
  answers?: string[];
}

/** Starts a round through the "new round" form and answers its questions through the question page. */
export async function takeRound(
  who: TestUser,
  { kinds = ["concept"], skills = [], count = 1, answers }: RoundOptions = {},
) {
  const started = await run(
    newRoundAction,
    post(
      "/rounds/new",
      { band: "3-5", count: String(count), minutes: "5", kinds, skills },
      { cookie: who.cookie },
    ),
  );
  expect(started.status).toBe(302);
  const roundId = started.location!.split("/")[2]!;
  await answerRound(who, roundId, answers ?? Array.from({ length: count }, () => GOOD_ANSWER));
  return roundId;
}

/**
 * Presses Start (or "Next question", "Answer follow-up"): the POST that starts
 * a question's clock, as a page view never does. Starting one already started
 * changes nothing.
 */
export async function startQuestion(
  who: TestUser,
  roundId: string,
  position: number | string,
  slot = 0,
) {
  const path = `/rounds/${roundId}/questions/${position}/start${slot === 0 ? "" : `?slot=${slot}`}`;
  const started = await run(startAction, post(path, {}, { cookie: who.cookie }), {
    roundId,
    position: String(position),
  });
  expect(started.status).toBe(302);
  return started;
}

/** Starts a question (startQuestion) and reads its page, as the redirect after Start does. */
export async function openQuestion(who: TestUser, roundId: string, position: number | string) {
  await startQuestion(who, roundId, position);
  const path = `/rounds/${roundId}/questions/${position}`;
  return run(questionLoader, get(path, who.cookie), { roundId, position: String(position) });
}

/** Starts and submits the round's questions in order, one answer each. */
export async function answerRound(who: TestUser, roundId: string, texts: string[]) {
  for (const [i, answer] of texts.entries()) {
    const position = String(i + 1);
    const path = `/rounds/${roundId}/questions/${position}`;
    await startQuestion(who, roundId, position);
    const submitted = await run(
      questionAction,
      post(path, { intent: "submit", answer }, { cookie: who.cookie }),
      { roundId, position },
    );
    expect(submitted.status).toBe(302);
  }
}

/** Moves a round to another day, as if it had been taken then. */
export function backdateRound(roundId: string, when: Date): void {
  getDb().update(rounds).set({ createdAt: when }).where(eq(rounds.id, roundId)).run();
}
