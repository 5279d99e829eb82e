import { getBank } from "~/question-bank/load-bank.server";
import { parseSubmission } from "~/utils/submission.server";
import { listAllStories } from "./stories.server";
import { STANDARD_COMPETENCIES } from "./story-limits";
import { storyFormSchema } from "./story-schemas";

function bankSkills(): string[] {
  return [...new Set(getBank().flatMap((q) => q.skills))].sort();
}

/** What the story form offers: the standard competencies, the user's own ones, and the bank's skill tags. */
export function storyFormOptions(userId: string) {
  const standard = new Set<string>(STANDARD_COMPETENCIES);
  const own = [...new Set(listAllStories(userId).flatMap((s) => s.competencies))]
    .filter((c) => !standard.has(c))
    .sort();
  return { competencies: [...STANDARD_COMPETENCIES, ...own], skills: bankSkills() };
}

/** The story form, validated by its schema and then against the bank's skill tags (server-side data). */
export function parseStoryForm(formData: FormData) {
  const known = new Set(bankSkills());
  const schema = storyFormSchema.superRefine((form, ctx) => {
    const unknown = form.skills.filter((s) => !known.has(s));
    if (unknown.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["skills"],
        message: `Unknown skill: ${unknown.join(", ")}. Pick skills from the list.`,
      });
    }
  });
  return parseSubmission(formData, { schema });
}
