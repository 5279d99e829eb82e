import { data } from "@remix-run/node";
import type { Question } from "~/question-bank/question-schema";
import { MAIN_SLOT, type Answer } from "~/rounds/answers.server";
import { parseSubmission } from "~/utils/submission.server";
import { invariantResponse } from "~/utils/invariant.server";
import { linkStory, requireStory, unlinkStory } from "./stories.server";
import { STORY_LINK_INTENTS, storyLinkSchema } from "./story-schemas";

export function isStoryLinkPost(formData: FormData): boolean {
  const intent = formData.get("intent");
  return typeof intent === "string" && STORY_LINK_INTENTS.includes(intent);
}

/**
 * "I'm telling this story" (and taking it back) on the main answer to a
 * behavioural question. Another user's story is a 404; the link is how usage
 * is counted.
 */
export function storyLinkAction(
  userId: string,
  answer: Answer,
  question: Question,
  formData: FormData,
) {
  const form = parseSubmission(formData, { schema: storyLinkSchema });
  if (form.status !== "success")
    return data(form.reply({ formErrors: ["Pick one of your stories."] }), { status: 400 });
  const story = requireStory(userId, form.value.storyId);
  invariantResponse(
    answer.slot === MAIN_SLOT && question.kind === "behavioural",
    "Stories are told in answers to behavioural questions.",
    400,
  );
  if (form.value.intent === "tell-story") linkStory(story.id, answer.id);
  else unlinkStory(story.id, answer.id);
  return { storyLinked: { storyId: story.id, telling: form.value.intent === "tell-story" } };
}
