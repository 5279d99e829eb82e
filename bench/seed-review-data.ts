/**
 * Seeds a SQLite file with one user who has taken 1,000 graded rounds over two
 * years (three questions each, a third with an answered follow-up), plus a
 * second user with 200 rounds so every query has someone else's rows to skip.
 * Grades are synthetic but valid against the grade schema; scores drift
 * upwards over time with noise, like real practice. Deterministic.
 *
 *   npx tsx bench/seed-review-data.ts /tmp/bench.db   # seeds a file by hand
 */
import { pathToFileURL } from "node:url";
import {
  answers,
  criterionScores,
  grades,
  roundQuestions,
  rounds,
  sessions,
  users,
} from "../db/schema";
import { openDatabase, type Db } from "~/db.server";
import { weightedOverall, type Grade } from "~/grading/grade-schema";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import type { Question } from "~/question-bank/question-schema";

export const SEEDED_ROUNDS = 1000;
const QUESTIONS_PER_ROUND = 3;
const DAY_MS = 86_400_000;

/** Mulberry32: a small seeded PRNG, so every run seeds the same data. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rows<T extends { $inferInsert: unknown }> = T["$inferInsert"][];

interface Batch {
  rounds: Rows<typeof rounds>;
  roundQuestions: Rows<typeof roundQuestions>;
  answers: Rows<typeof answers>;
  grades: Rows<typeof grades>;
  criterionScores: Rows<typeof criterionScores>;
}

const ANSWER =
  "REST models the domain as resources such as /orders/42 and the HTTP method carries the intent. I measured p95 latency before changing anything, " +
  "then added an index on the hot query, which cut it from 480 ms to 35 ms. The trade-off is slower writes, which we accepted.";

function synthGrade(question: Question, level: number, random: () => number): Grade {
  const criteria = question.rubric.map((c) => ({
    criterionId: c.id,
    score: Math.max(1, Math.min(5, Math.round(level + (random() - 0.5) * 2))),
    evidence: random() < 0.7 ? "I measured p95 latency before changing anything." : null,
    rationale: `${c.name}: covered in part; name the trade-off and a number.`,
  }));
  const overall = weightedOverall(
    criteria.map((c, i) => ({ score: c.score, weight: question.rubric[i]!.weight })),
  );
  return {
    overall: Math.max(1, overall),
    criteria,
    strengths: ["Measured before changing anything."],
    improvements: ["Say what you would monitor afterwards."],
    star:
      question.kind === "behavioural"
        ? { present: ["situation", "action"], missing: ["task", "result"] }
        : null,
    probes: question.probes
      .slice(0, 2)
      .map((p, i) => ({
        question: p.endsWith("?") ? p : `${p}?`,
        criterionId: question.rubric[i]?.id ?? null,
      })),
    flags: { injectionSuspected: false, nonEnglish: false },
    insights: {
      wordCount: 48,
      wordsPerMinute: 95,
      fillerWords: [],
      topWords: [{ word: "latency", count: 2 }],
      termsUsed: ["index", "p95"],
    },
  };
}

function addRound(
  batch: Batch,
  userId: string,
  when: number,
  questions: Question[],
  level: number,
  random: () => number,
): void {
  const roundId = crypto.randomUUID();
  batch.rounds.push({
    id: roundId,
    userId,
    title: "Mixed practice",
    band: "3-5",
    skills: [],
    kinds: [],
    createdAt: new Date(when),
    finishedAt: new Date(when + 30 * 60_000),
  });
  questions.forEach((question, i) => {
    const rqId = crypto.randomUUID();
    const seconds = question.minutes * 60;
    batch.roundQuestions.push({
      id: rqId,
      roundId,
      position: i + 1,
      questionId: question.id,
      question,
      secondsAllowed: seconds,
    });
    const start = when + i * 8 * 60_000;
    const slots = i === 0 && random() < 0.33 ? [0, 1] : [0];
    for (const slot of slots) {
      const answerId = crypto.randomUUID();
      const allowed = slot === 0 ? seconds : Math.round(seconds / 2);
      const begun = start + slot * allowed * 1000;
      batch.answers.push({
        id: answerId,
        roundQuestionId: rqId,
        slot,
        probe: slot === 0 ? null : { question: "How would you know it worked?", criterionId: null },
        text: ANSWER,
        secondsAllowed: allowed,
        startedAt: new Date(begun),
        deadlineAt: new Date(begun + allowed * 1000),
        submittedAt: new Date(begun + Math.round(allowed * (0.4 + random() * 0.6)) * 1000),
      });
      const grade = synthGrade(question, level, random);
      const gradeId = crypto.randomUUID();
      batch.grades.push({
        id: gradeId,
        answerId,
        grader: "offline",
        overall: grade.overall,
        strengths: grade.strengths,
        improvements: grade.improvements,
        star: grade.star,
        probes: grade.probes,
        injectionSuspected: false,
        nonEnglish: false,
        insights: grade.insights,
        createdAt: new Date(begun + allowed * 1000),
      });
      grade.criteria.forEach((c, position) =>
        batch.criterionScores.push({ gradeId, position, ...c }),
      );
    }
  });
}

function insertAll(db: Db, batch: Batch): void {
  const chunk = <T>(rows: T[], size: number, insert: (rows: T[]) => void) => {
    for (let i = 0; i < rows.length; i += size) insert(rows.slice(i, i + size));
  };
  db.transaction((tx) => {
    chunk(batch.rounds, 200, (r) => tx.insert(rounds).values(r).run());
    chunk(batch.roundQuestions, 200, (r) => tx.insert(roundQuestions).values(r).run());
    chunk(batch.answers, 200, (r) => tx.insert(answers).values(r).run());
    chunk(batch.grades, 100, (r) => tx.insert(grades).values(r).run());
    chunk(batch.criterionScores, 500, (r) => tx.insert(criterionScores).values(r).run());
  });
}

/** Seeds `file` (created and migrated if new). Returns the heavy user's id and a live session id for them. */
export function seedReviewData(
  file: string,
  now = Date.now(),
): { userId: string; sessionId: string; rounds: number } {
  const { db, sqlite } = openDatabase(file);
  const bank = loadBankFrom("question-bank");
  const random = prng(42);
  const batch: Batch = {
    rounds: [],
    roundQuestions: [],
    answers: [],
    grades: [],
    criterionScores: [],
  };
  const [heavy, other] = [crypto.randomUUID(), crypto.randomUUID()];
  db.insert(users)
    .values([
      { id: heavy, username: "bench-heavy", passwordHash: "not-a-login" },
      { id: other, username: "bench-other", passwordHash: "not-a-login" },
    ])
    .run();
  const span = 730 * DAY_MS;
  for (const [userId, count] of [
    [heavy, SEEDED_ROUNDS],
    [other, 200],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const when = now - span + Math.round((i / count) * span);
      const questions = Array.from(
        { length: QUESTIONS_PER_ROUND },
        (_, k) => bank[(i * QUESTIONS_PER_ROUND + k + Math.floor(random() * 3)) % bank.length]!,
      );
      addRound(
        batch,
        userId,
        when,
        [...new Map(questions.map((q) => [q.id, q])).values()],
        2 + 2 * (i / count),
        random,
      );
    }
  }
  insertAll(db, batch);
  const sessionId = crypto.randomUUID();
  db.insert(sessions)
    .values({ id: sessionId, userId: heavy, expiresAt: new Date(now + DAY_MS) })
    .run();
  sqlite.close();
  return { userId: heavy, sessionId, rounds: SEEDED_ROUNDS };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const file = process.argv[2];
  if (!file) throw new Error("usage: tsx bench/seed-review-data.ts <file.db>");
  const seeded = seedReviewData(file);
  console.log(
    `Seeded ${file}: user bench-heavy (${seeded.userId}) with ${seeded.rounds} graded rounds; session ${seeded.sessionId}`,
  );
}
