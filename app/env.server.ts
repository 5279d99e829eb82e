import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { isIP } from "node:net";
import path from "node:path";
import { z } from "~/utils/zod";

/** Express's names for address ranges, accepted in TRUST_PROXY beside addresses and CIDR subnets. */
const PROXY_RANGE_NAMES = new Set(["loopback", "linklocal", "uniquelocal"]);

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = "", bits, ...rest] = entry.split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Whom to believe about the client's address (X-Forwarded-For), in Express's
 * terms: nobody (the default: the socket's address is the client), the number
 * of proxies in front of the app, or the proxies' addresses. `true` is refused:
 * it would let any client pick the address its rate limits are counted under.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default("")
  .transform((value, ctx): false | number | string[] => {
    if (value === "" || value === "false" || value === "0") return false;
    if (/^[1-9]$/.test(value)) return Number(value);
    const entries = value.split(",").map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return entries;
    ctx.addIssue({
      code: "custom",
      message:
        "TRUST_PROXY must be the number of proxies in front of the app (1-9), or their addresses/subnets (e.g. loopback, 10.0.0.0/8), comma-separated",
    });
    return z.NEVER;
  });

/**
 * Every environment variable the server reads, validated once. Nothing here
 * reaches the browser; what the UI may know (the grader in use, the model)
 * is passed through loaders explicitly.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_PATH: z.string().min(1).default("data/rehearse.db"),
  /** Signs the session cookie. Unset: a random secret is generated once and kept beside the database. */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  QUESTION_BANK_DIR: z.string().min(1).default("question-bank"),
  /** Versioned prompt files for the LLM grader; the highest version of each prompt is used. */
  PROMPTS_DIR: z.string().min(1).default("prompts"),
  /** auto: the LLM grader when a key or base URL is set, otherwise the offline grader. */
  GRADER: z.enum(["auto", "openai", "offline"]).default("auto"),
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: z.url().optional(),
  OPENAI_MODEL: z.string().min(1).default("gpt-4o-mini"),
  /** Milliseconds one LLM call may take before it is abandoned. */
  OPENAI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(60_000),
  OPENAI_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(3),
  /** Calls to the LLM per user per UTC day (a grading is one, or two with a correction); past it, answers are graded offline. */
  LLM_DAILY_LIMIT: z.coerce.number().int().min(0).default(100),
  /** Self-consistency: replies per grading (the `n` parameter where the server supports it); the median per criterion is stored. */
  LLM_SAMPLES: z.coerce.number().int().min(1).max(5).default(1),
  /** Calls to the LLM one user may have running at once; more wait their turn (app/grading/llm-budget.server.ts). */
  LLM_CONCURRENCY_PER_USER: z.coerce.number().int().min(1).max(50).default(2),
  /** Calls to the LLM the whole server (every process on the database) may have running at once. */
  LLM_CONCURRENCY_TOTAL: z.coerce.number().int().min(1).max(500).default(8),
  /** How long a grading waits for a free LLM slot before the offline grader stands in, in milliseconds. */
  LLM_QUEUE_WAIT_MS: z.coerce.number().int().min(0).max(600_000).default(120_000),
  /** The most tokens one LLM reply may have: max_tokens is the prompt's own figure or this, whichever is lower. */
  LLM_MAX_OUTPUT_TOKENS: z.coerce.number().int().min(256).max(32_000).default(4_000),
  /** The most bytes of one LLM reply read off the wire (the streamed events, not just the text); past it, offline. */
  LLM_REPLY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(64 * 1024 * 1024)
    .default(2 * 1024 * 1024),
  /** How long a grading's claim on an answer (and on an LLM slot) lasts unless renewed; a crashed process's claim ends after it. */
  GRADING_LEASE_MS: z.coerce.number().int().min(1_000).max(600_000).default(30_000),
  /** How often the server looks for submitted answers a crash left ungraded (0: only at start-up). */
  GRADING_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Set when a reverse proxy sits in front of the app; see trustProxySchema. */
  TRUST_PROXY: trustProxySchema,
  /** Login attempts one client address may make per 15 minutes. */
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().min(1).default(20),
  /** Failed logins one username may take per 15 minutes, from anywhere; a successful login clears them. */
  LOGIN_FAILURES_PER_USERNAME: z.coerce.number().int().min(1).default(5),
  /** Sign-up attempts one client address may make per hour. */
  SIGNUPS_PER_IP: z.coerce.number().int().min(1).default(5),
  /** The largest request body a form may send, in bytes (the pack upload has its own limit); bigger ones get 413. */
  FORM_BODY_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(16 * 1024)
    .max(64 * 1024 * 1024)
    .default(256 * 1024),
  /**
   * Voice answers: an OpenAI-compatible transcription server (OpenAI, speaches / faster-whisper-server,
   * whisper.cpp's server, LocalAI). Unset, the OpenAI settings above are used; with neither, recordings
   * are kept for replay and the browser's own speech recognition is offered where it exists.
   */
  TRANSCRIBE_BASE_URL: z.url().optional(),
  TRANSCRIBE_API_KEY: z.string().min(1).optional(),
  TRANSCRIBE_MODEL: z.string().min(1).default("whisper-1"),
  /** Milliseconds one transcription may take before it is abandoned (the audio is kept; "Try again"). */
  TRANSCRIBE_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(120_000),
  /** The largest recording one answer may upload, in bytes (about 10 minutes of Opus at 16 KB/s in the default 10 MB). */
  RECORDING_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024),
  /** Runs the app against a mocked OpenAI API, started by server.js from tests/ (development and tests only). */
  MOCKS: z
    .enum(["true", "false", "1", "0", ""])
    .default("false")
    .transform((v) => v === "true" || v === "1"),
});

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string };

function readEnv(): Env {
  const result = envSchema.safeParse(process.env);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  const env = result.data;
  return { ...env, SESSION_SECRET: env.SESSION_SECRET ?? localSessionSecret(env.DATABASE_PATH) };
}

/** A per-installation secret kept next to the database, so a fresh clone is never signed with a published default. */
function localSessionSecret(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), ".session-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= readEnv();
  return cached;
}

/** Forgets the validated environment so the next getEnv() re-reads process.env (tests only). */
export function resetEnvForTests(): void {
  cached = undefined;
}
