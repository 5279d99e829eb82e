import { eq, inArray } from "drizzle-orm";
import { beforeEach, expect, test } from "vitest";
import { answers, roundQuestions } from "../../db/schema";
import { getDb } from "~/db.server";
import { loader as questionLoader } from "~/routes/rounds.$roundId.questions.$position._index/route";
import { loader as followUpLoader } from "~/routes/rounds.$roundId.questions.$position.follow-ups.$slot/route";
import {
  action as startAction,
  loader as startLoader,
} from "~/routes/rounds.$roundId.questions.$position.start/route";
import { createSignedInUser, ORIGIN, post, run } from "../utils/routes";
import { takeRound, type TestUser } from "../utils/review";

let alice: TestUser;
beforeEach(async () => {
  alice = await createSignedInUser("xsite");
});

/** A top-level navigation, as a browser sends it, from `site`. */
function navigate(
  path: string,
  site: "cross-site" | "same-site" | "same-origin" | "none" | null,
): Request {
  const headers: Record<string, string> = { Cookie: alice.cookie };
  if (site) headers["Sec-Fetch-Site"] = site;
  return new Request(`${ORIGIN}${path}`, { headers });
}

function answerCount(roundId: string): number {
  const rqs = getDb()
    .select({ id: roundQuestions.id })
    .from(roundQuestions)
    .where(eq(roundQuestions.roundId, roundId))
    .all();
  return getDb()
    .select()
    .from(answers)
    .where(
      inArray(
        answers.roundQuestionId,
        rqs.map((r) => r.id),
      ),
    )
    .all().length;
}

test.each(["cross-site", "same-site", "same-origin", "none", null] as const)(
  "a visit (Sec-Fetch-Site %s) to an unopened question starts no clock: it lands on a Start page, and only the POST starts it",
  async (site) => {
    // Creating the round started question 1 (a POST); question 2 is unopened.
    const roundId = await takeRound(alice, { count: 2, answers: [] });
    expect(answerCount(roundId)).toBe(1);
    const path = `/rounds/${roundId}/questions/2`;
    const params = { roundId, position: "2" };

    const visit = await run(questionLoader, navigate(path, site), params);
    expect(visit).toMatchObject({ status: 302, location: `${path}/start` });
    expect(answerCount(roundId)).toBe(1);

    const page = await run(startLoader, navigate(`${path}/start`, site), params);
    expect(page.status).toBe(200);
    expect(page.data).toMatchObject({ position: 2, total: 2, seconds: 300 });
    expect(answerCount(roundId)).toBe(1);

    // A cross-site POST is refused too: starting is an action of this site's own page.
    const forged = await run(
      startAction,
      post(`${path}/start`, {}, { cookie: alice.cookie, origin: "https://evil.example" }),
      params,
    );
    expect(forged.status).toBe(403);
    expect(answerCount(roundId)).toBe(1);

    const started = await run(
      startAction,
      post(`${path}/start`, {}, { cookie: alice.cookie }),
      params,
    );
    expect(started).toMatchObject({ status: 302, location: path });
    expect(answerCount(roundId)).toBe(2);

    // Once started, any visit shows the question (and the start page sends it there).
    expect((await run(questionLoader, navigate(path, site), params)).status).toBe(200);
    expect(await run(startLoader, navigate(`${path}/start`, site), params)).toMatchObject({
      status: 302,
      location: path,
    });
    expect(answerCount(roundId)).toBe(2);
  },
);

test("a visit to a follow-up that does not exist yet is a 404, not a Start page", async () => {
  const roundId = await takeRound(alice, { count: 1, answers: [] });
  const before = answerCount(roundId);
  const params = { roundId, position: "1", slot: "1" };
  const visit = await run(
    followUpLoader,
    navigate(`/rounds/${roundId}/questions/1/follow-ups/1`, "cross-site"),
    params,
  );
  expect(visit.status).toBe(404);
  const start = await run(
    startLoader,
    navigate(`/rounds/${roundId}/questions/1/start?slot=1`, "cross-site"),
    { roundId, position: "1" },
  );
  expect(start.status).toBe(404);
  expect(answerCount(roundId)).toBe(before);
});
