import { sql } from "drizzle-orm";
import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from "drizzle-orm/sqlite-core";

/**
 * The shapes kept in JSON and enum-like text columns. The app owns them (its
 * zod schemas), so it fills this in by declaration merging, in
 * app/stored-shapes.ts, the way Remix's AppLoadContext is declared: db/ imports
 * nothing from app/. A shape the app has not declared is a type error here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by app/stored-shapes.ts
export interface StoredShapes {}

const id = () =>
  text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID());
const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });
const createdAt = () =>
  timestamp("created_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);
const updatedAt = () =>
  timestamp("updated_at")
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

export const users = sqliteTable("users", {
  id: id(),
  /** Stored lower-case: usernames are case-insensitive. */
  username: text("username").notNull().unique(),
  passwordHash: text("password_hash").notNull(),
  createdAt: createdAt(),
});

export const sessions = sqliteTable(
  "sessions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const rounds = sqliteTable(
  "rounds",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    band: text("band").notNull(),
    /** What the round was built from, kept for "practise again". */
    skills: text("skills", { mode: "json" }).$type<string[]>().notNull(),
    kinds: text("kinds", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at"),
  },
  (t) => [index("rounds_user_created_idx").on(t.userId, t.createdAt)],
);

export const roundQuestions = sqliteTable(
  "round_questions",
  {
    id: id(),
    roundId: text("round_id")
      .notNull()
      .references(() => rounds.id, { onDelete: "cascade" }),
    /** 1-based order in the round. */
    position: integer("position").notNull(),
    questionId: text("question_id").notNull(),
    /** The question as it was asked, so later bank edits never change a past report. */
    question: text("question", { mode: "json" }).$type<StoredShapes["question"]>().notNull(),
    secondsAllowed: integer("seconds_allowed").notNull(),
  },
  (t) => [
    uniqueIndex("round_questions_round_position_idx").on(t.roundId, t.position),
    index("round_questions_question_idx").on(t.questionId),
    // Covering for the review pages: round -> its questions' ids and row ids, without touching the
    // snapshot-laden rows (history filters, progress, readiness, the re-practice queue).
    index("round_questions_round_question_idx").on(t.roundId, t.questionId, t.id),
  ],
);

export const answers = sqliteTable(
  "answers",
  {
    id: id(),
    roundQuestionId: text("round_question_id")
      .notNull()
      .references(() => roundQuestions.id, { onDelete: "cascade" }),
    /** 0 is the main answer; 1..3 answer the main grade's follow-up probes in order. */
    slot: integer("slot").notNull(),
    /** The probe being answered (null for the main answer), copied so the report never depends on a re-grade. */
    probe: text("probe", { mode: "json" }).$type<StoredShapes["probe"]>(),
    text: text("text").notNull().default(""),
    secondsAllowed: integer("seconds_allowed").notNull(),
    startedAt: timestamp("started_at").notNull(),
    deadlineAt: timestamp("deadline_at").notNull(),
    draftSavedAt: timestamp("draft_saved_at"),
    submittedAt: timestamp("submitted_at"),
    timedOut: integer("timed_out", { mode: "boolean" }).notNull().default(false),
    /** Skipped: left to expire with nothing written, or skipped on purpose. Never graded, never in a figure. */
    skipped: integer("skipped", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [uniqueIndex("answers_round_question_slot_idx").on(t.roundQuestionId, t.slot)],
);

export const grades = sqliteTable(
  "grades",
  {
    id: id(),
    answerId: text("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    grader: text("grader").$type<StoredShapes["graderKind"]>().notNull(),
    model: text("model"),
    promptVersion: text("prompt_version"),
    /** Why the LLM was not used when it should have been (timeout, 429, daily limit, ...). */
    fallbackReason: text("fallback_reason"),
    /** Null when the grader could not assess the answer (the offline grader and another language). */
    overall: real("overall"),
    strengths: text("strengths", { mode: "json" }).$type<string[]>().notNull(),
    improvements: text("improvements", { mode: "json" }).$type<string[]>().notNull(),
    star: text("star", { mode: "json" }).$type<{ present: string[]; missing: string[] } | null>(),
    probes: text("probes", { mode: "json" }).$type<StoredShapes["probe"][]>().notNull(),
    injectionSuspected: integer("injection_suspected", { mode: "boolean" }).notNull(),
    nonEnglish: integer("non_english", { mode: "boolean" }).notNull(),
    insights: text("insights", { mode: "json" }).$type<StoredShapes["insights"] | null>(),
    tokensIn: integer("tokens_in"),
    tokensOut: integer("tokens_out"),
    latencyMs: integer("latency_ms"),
    /** LLM grades: what the app checked about the evidence (relevance checked, retried, samples). */
    checks: text("checks", { mode: "json" }).$type<StoredShapes["evidenceChecks"] | null>(),
    createdAt: createdAt(),
  },
  (t) => [index("grades_answer_idx").on(t.answerId, t.createdAt)],
);

export const criterionScores = sqliteTable(
  "criterion_scores",
  {
    gradeId: text("grade_id")
      .notNull()
      .references(() => grades.id, { onDelete: "cascade" }),
    /** Order within the rubric, so the grade reads back as it was written. */
    position: integer("position").notNull(),
    criterionId: text("criterion_id").notNull(),
    score: integer("score").notNull(),
    evidence: text("evidence"),
    rationale: text("rationale").notNull(),
    /** LLM grades: every verified quote (evidence is the first). */
    quotes: text("quotes", { mode: "json" }).$type<string[] | null>(),
    /** LLM grades with LLM_SAMPLES > 1: highest minus lowest sampled score. */
    spread: integer("spread"),
    /** Set when no verified, relevant quote supported the model's score: the score it gave before the cap. */
    cappedFrom: integer("capped_from"),
  },
  (t) => [
    uniqueIndex("criterion_scores_grade_position_idx").on(t.gradeId, t.position),
    index("criterion_scores_criterion_idx").on(t.criterionId),
    // Covering for progress per criterion: grade -> (criterion, score) without reading evidence text.
    index("criterion_scores_grade_criterion_idx").on(t.gradeId, t.criterionId, t.score),
  ],
);

/** Per-user choices for the review pages; a user without a row has the defaults. */
export const userPreferences = sqliteTable("user_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Low-anxiety mode: scores are still stored, but pages describe them in words instead of numbers. */
  lowAnxiety: integer("low_anxiety", { mode: "boolean" }).notNull().default(false),
  /** Read each question and follow-up aloud (the browser's speech synthesis) when its page opens. */
  readAloud: integer("read_aloud", { mode: "boolean" }).notNull().default(false),
  /** What the readiness view measures against. */
  targetRole: text("target_role").$type<StoredShapes["role"]>().notNull().default("backend"),
  targetBand: text("target_band").$type<StoredShapes["band"]>().notNull().default("3-5"),
  updatedAt: updatedAt(),
});

/** The user's own 1-5 rating of each skill (the skill matrix), set beside the measured scores. */
export const skillSelfScores = sqliteTable(
  "skill_self_scores",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    skill: text("skill").notNull(),
    score: integer("score").notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.skill] })],
);

/** A user's STAR story: told once, rehearsed across many behavioural questions. */
export const stories = sqliteTable(
  "stories",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    situation: text("situation").notNull().default(""),
    task: text("task").notNull().default(""),
    action: text("action").notNull().default(""),
    result: text("result").notNull().default(""),
    /** The number that proves the result ("p95 from 900 ms to 120 ms"). */
    metric: text("metric").notNull().default(""),
    competencies: text("competencies", { mode: "json" }).$type<string[]>().notNull(),
    skills: text("skills", { mode: "json" }).$type<string[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("stories_user_idx").on(t.userId, t.updatedAt)],
);

/** Which answers told which story: the usage count and the "overused" mark come from here. */
export const storyAnswers = sqliteTable(
  "story_answers",
  {
    storyId: text("story_id")
      .notNull()
      .references(() => stories.id, { onDelete: "cascade" }),
    answerId: text("answer_id")
      .notNull()
      .references(() => answers.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.storyId, t.answerId] }),
    index("story_answers_answer_idx").on(t.answerId),
  ],
);

/**
 * A question the user wrote or imported, private to them. `question` has the
 * same shape (and validation) as a question-bank file; `slug` is its id
 * within the user's own questions.
 */
export const customQuestions = sqliteTable(
  "custom_questions",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    question: text("question", { mode: "json" }).$type<StoredShapes["question"]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("custom_questions_user_slug_idx").on(t.userId, t.slug)],
);

/**
 * rate-limiter-flexible's RateLimiterSQLite table (app/auth/rate-limit.server.ts):
 * log-in and sign-up counts shared by every process on this database.
 * `expire` is in epoch milliseconds, as the library writes it.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull().default(0),
  expire: integer("expire"),
});

/**
 * Who is grading an answer right now, across processes: one row per answer
 * being graded, renewed while the grading runs; an expired row (its process
 * died) may be taken over. See app/grading/grading-lease.server.ts.
 */
export const gradingLeases = sqliteTable("grading_leases", {
  answerId: text("answer_id")
    .primaryKey()
    .references(() => answers.id, { onDelete: "cascade" }),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
});

/**
 * Every LLM grading started: counted against the daily limit (rows started
 * today, whatever became of them) and the concurrency limits (rows not finished
 * whose lease is alive). Kept when the answer is deleted (answer_id becomes
 * null), so deleting a round does not hand back the day's calls; deleted with the user.
 */
export const llmCalls = sqliteTable(
  "llm_calls",
  {
    id: id(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    answerId: text("answer_id").references(() => answers.id, { onDelete: "set null" }),
    startedAt: timestamp("started_at").notNull(),
    /** Until then the call counts as in flight; renewed while it runs, so a crashed process's calls stop counting. */
    aliveUntil: timestamp("alive_until").notNull(),
    finishedAt: timestamp("finished_at"),
    /** "graded", or the failure kind that made it fall back offline. */
    outcome: text("outcome"),
  },
  (t) => [
    index("llm_calls_user_started_idx").on(t.userId, t.startedAt),
    index("llm_calls_open_idx").on(t.finishedAt, t.aliveUntil),
  ],
);

/**
 * A spoken answer: the audio as uploaded (kept whatever becomes of the
 * transcription), then its transcript and the delivery figures derived from it.
 * One per answer; recording again replaces it. A table rather than files under
 * data/ so that deleting an answer, round or account deletes the audio in the
 * same transaction (the foreign key), and a database backup holds it.
 * `audio` is the last column: reading the other columns stops before its overflow pages.
 */
export const recordings = sqliteTable("recordings", {
  answerId: text("answer_id")
    .primaryKey()
    .references(() => answers.id, { onDelete: "cascade" }),
  /** The container as sniffed from the bytes (audio/webm, audio/ogg, audio/wav, audio/mp4, audio/mpeg), with any codecs parameter sent. */
  mimeType: text("mime_type").notNull(),
  bytes: integer("bytes").notNull(),
  /** As the recorder measured it (the browser's clock), or the transcription server's figure once known. */
  durationMs: integer("duration_ms"),
  status: text("status").$type<StoredShapes["recordingStatus"]>().notNull(),
  /** Why the transcription failed, in a sentence the page shows. */
  failureReason: text("failure_reason"),
  transcript: text("transcript"),
  /** Which model (and server) made the transcript, or "browser" for the browser's own recognition. */
  transcribedBy: text("transcribed_by"),
  delivery: text("delivery", { mode: "json" }).$type<StoredShapes["deliveryMetrics"] | null>(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
  audio: blob("audio", { mode: "buffer" }).notNull(),
});
