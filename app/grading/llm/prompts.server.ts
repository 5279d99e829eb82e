import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "~/utils/zod";
import { getEnv } from "~/env.server";
import { formatZodIssues } from "~/question-bank/load-bank.server";

/**
 * The LLM grader's prompts are content: versioned files under `prompts/`,
 * validated like the question bank. See prompts/README.md for the format.
 */

interface SectionSpec {
  required: readonly string[];
  allowed: readonly string[];
  /** A section older prompt versions may lack (the code then uses a built-in default). */
  optional?: boolean;
}

const PROMPT_SPECS = {
  "grade-answer": {
    temperatureRequired: true,
    sections: {
      system: { required: ["nonce", "follow_up_probes"], allowed: [] },
      "json-mode": { required: ["json_schema"], allowed: [] },
      "follow-up-context": { required: ["probe"], allowed: [] },
      /** Sent after a reply that failed the checks, for the one corrected reply (v2+). */
      correction: { required: ["reason"], allowed: [], optional: true },
      user: {
        required: [
          "rubric",
          "reference_answer",
          "nonce",
          "answer",
          "asked_probes",
          "follow_up_context",
        ],
        allowed: [
          "weak_example",
          "question_kind",
          "question_title",
          "question_prompt",
          "time_allowed",
          "seed_probes",
        ],
      },
    },
  },
  "follow-up-probes": {
    temperatureRequired: false,
    sections: {
      instructions: { required: [], allowed: [] },
      asked: { required: ["asked_probes"], allowed: [] },
    },
  },
} as const satisfies Record<
  string,
  { temperatureRequired: boolean; sections: Record<string, SectionSpec> }
>;

export type PromptId = keyof typeof PROMPT_SPECS;
const PROMPT_IDS = Object.keys(PROMPT_SPECS) as [PromptId, ...PromptId[]];

const frontMatterSchema = z.strictObject({
  id: z.enum(PROMPT_IDS),
  version: z.number().int().min(1),
  description: z.string().trim().min(1).max(300),
  temperature: z.number().min(0).max(2).optional(),
  max_output_tokens: z.number().int().min(100).max(32_000).optional(),
});

export interface PromptTemplate {
  id: PromptId;
  version: number;
  file: string;
  temperature: number | null;
  maxOutputTokens: number | null;
  sections: Record<string, string>;
}

export interface Prompts {
  grade: PromptTemplate;
  probes: PromptTemplate;
  /** Stored with every LLM grade, e.g. "grade-answer@1+follow-up-probes@1". */
  version: string;
}

/** A prompt file that failed to parse or validate, with its path and what is wrong. */
export class PromptFileError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid prompt file ${file}:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "PromptFileError";
  }
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/;
const SECTION_MARKER = /^<!--\s*([a-z][a-z-]*)\s*-->[ \t]*$/gm;
const PLACEHOLDER = /\{\{\s*([a-z_]+)\s*\}\}/g;
export const PROMPT_FILE_NAME = /^([a-z-]+)\.v(\d+)\.md$/;

export function parsePromptFile(file: string, source: string): PromptTemplate {
  const match = FRONT_MATTER.exec(source);
  if (!match)
    throw new PromptFileError(file, [
      "front matter: the file must start with a --- YAML block ---",
    ]);
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch (error) {
    throw new PromptFileError(file, [`front matter: ${(error as Error).message.split("\n")[0]}`]);
  }
  const parsed = frontMatterSchema.safeParse(data);
  if (!parsed.success) throw new PromptFileError(file, formatZodIssues(parsed.error));
  const meta = parsed.data;
  const spec = PROMPT_SPECS[meta.id];
  const problems: string[] = [];

  const expectedName = `${meta.id}.v${meta.version}.md`;
  if (path.basename(file) !== expectedName) {
    problems.push(`id/version: the file must be named ${expectedName} to match its front matter`);
  }
  if (spec.temperatureRequired && meta.temperature === undefined)
    problems.push("temperature: required");

  const sections = splitSections(match[2] ?? "", problems);
  const specs: Record<string, SectionSpec> = spec.sections;
  for (const name of Object.keys(sections)) {
    if (!(name in specs))
      problems.push(`section "${name}": unknown (expected ${Object.keys(specs).join(", ")})`);
  }
  for (const [name, sectionSpec] of Object.entries(specs)) {
    const body = sections[name];
    if (body === undefined) {
      if (sectionSpec.optional) continue;
      problems.push(`section "${name}": missing (add a <!-- ${name} --> marker)`);
      continue;
    }
    const used = new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""));
    for (const name_ of sectionSpec.required) {
      if (!used.has(name_))
        problems.push(`section "${name}": placeholder {{${name_}}} is required`);
    }
    const known = new Set([...sectionSpec.required, ...sectionSpec.allowed]);
    for (const name_ of used) {
      if (!known.has(name_)) problems.push(`section "${name}": unknown placeholder {{${name_}}}`);
    }
  }
  if (problems.length > 0) throw new PromptFileError(file, problems);

  return {
    id: meta.id,
    version: meta.version,
    file,
    temperature: meta.temperature ?? null,
    maxOutputTokens: meta.max_output_tokens ?? null,
    sections,
  };
}

function splitSections(body: string, problems: string[]): Record<string, string> {
  const markers = [...body.matchAll(SECTION_MARKER)];
  const sections: Record<string, string> = {};
  const before = body.slice(0, markers[0]?.index ?? body.length);
  if (before.trim() !== "") problems.push("body: text before the first <!-- section --> marker");
  markers.forEach((marker, i) => {
    const name = marker[1] ?? "";
    const start = (marker.index ?? 0) + marker[0].length;
    const end = markers[i + 1]?.index ?? body.length;
    if (name in sections) problems.push(`section "${name}": appears twice`);
    sections[name] = body.slice(start, end).trim();
  });
  return sections;
}

/** Replaces {{name}} placeholders in one pass: text inside a value is never expanded. */
export function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

/** Reads and validates every `<id>.v<version>.md` in `dir`; the highest version of each prompt wins. */
export function loadPromptsFrom(dir: string): Prompts {
  const latest = new Map<PromptId, PromptTemplate>();
  const files = readdirSync(dir)
    .filter((name) => PROMPT_FILE_NAME.test(name))
    .sort();
  for (const name of files) {
    const file = path.join(dir, name);
    const prompt = parsePromptFile(file, readFileSync(file, "utf8"));
    const current = latest.get(prompt.id);
    if (!current || prompt.version > current.version) latest.set(prompt.id, prompt);
  }
  const grade = latest.get("grade-answer");
  const probes = latest.get("follow-up-probes");
  const missing = PROMPT_IDS.filter((id) => !latest.has(id));
  if (!grade || !probes) {
    throw new PromptFileError(
      dir,
      missing.map((id) => `${id}: no ${id}.v<N>.md file`),
    );
  }
  return { grade, probes, version: `${grade.id}@${grade.version}+${probes.id}@${probes.version}` };
}

let prompts: Prompts | undefined;

/** The prompts in use, loaded and validated once per process (call at start to fail fast). */
export function getPrompts(): Prompts {
  prompts ??= loadPromptsFrom(path.resolve(getEnv().PROMPTS_DIR));
  return prompts;
}

export function resetPromptsForTests(): void {
  prompts = undefined;
}
