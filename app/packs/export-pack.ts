import { stringify as stringifyYaml } from "yaml";
import { customSlugOf } from "~/question-bank/question-ids";
import type { Question } from "~/question-bank/question-schema";
import { PACK_VERSION, type Pack, type PackFormat } from "./pack-schema";

/** A pack of these questions; a user's own question goes out under its own slug, as it was written. */
export function packOf(questions: Question[]): Pack {
  return {
    pack: PACK_VERSION,
    questions: questions.map((question) => ({
      ...question,
      id: customSlugOf(question.id) ?? question.id,
    })),
  };
}

export const PACK_CONTENT_TYPES: Record<PackFormat, string> = {
  yaml: "application/yaml; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export function serialisePack(pack: Pack, format: PackFormat): string {
  return format === "json"
    ? `${JSON.stringify(pack, null, 2)}\n`
    : stringifyYaml(pack, { lineWidth: 0 });
}
