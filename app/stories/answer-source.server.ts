import { and, eq } from "drizzle-orm";
import { answers, roundQuestions, rounds } from "../../db/schema";
import { ownedBy } from "../../db/owned-by";
import { getDb } from "~/db.server";
import { latestGrades } from "~/grading/grades.server";
import { getBank } from "~/question-bank/load-bank.server";
import { invariantResponse } from "~/utils/invariant.server";
import { draftStory } from "./story-draft";
import { STORY_LIMITS } from "./story-limits";

/**
 * A graded behavioural answer of the user's, as the source of a new story.
 * Anyone else's answer, or an unknown id, is a 404; an answer that is not
 * behavioural or not graded yet is a 400 that says why.
 */
export function requireStorySource(userId: string, answerId: string) {
  const row =
    answerId.length <= 64
      ? getDb()
          .select({
            answer: answers,
            question: roundQuestions.question,
            roundId: rounds.id,
            position: roundQuestions.position,
          })
          .from(answers)
          .innerJoin(roundQuestions, eq(roundQuestions.id, answers.roundQuestionId))
          .innerJoin(rounds, eq(rounds.id, roundQuestions.roundId))
          .where(and(eq(answers.id, answerId), ownedBy.round(userId)))
          .get()
      : undefined;
  invariantResponse(row, "Answer not found");
  invariantResponse(
    row.question.kind === "behavioural",
    "Only an answer to a behavioural question can become a story.",
    400,
  );
  const grade = row.answer.submittedAt
    ? latestGrades([row.answer.id]).get(row.answer.id)
    : undefined;
  invariantResponse(
    grade,
    "Only a graded answer can become a story: submit it and let it be graded first.",
    400,
  );
  return { ...row, grade };
}

export type StorySource = ReturnType<typeof requireStorySource>;

/**
 * The story form's starting values: the draft read from the answer's own
 * words (title, STAR parts, metric), the question's competencies and skills
 * ticked. The draft does not lean on the grade's STAR reading: a part the
 * grader missed but the answer tells ("my responsibility as on-call was…")
 * still arrives filled, and the person edits what is off.
 */
export function prefillFromAnswer(source: StorySource) {
  const { answer, question } = source;
  const { title, metric, ...parts } = draftStory(answer.text);
  const bankSkills = new Set(getBank().flatMap((q) => q.skills));
  return {
    title: title.slice(0, STORY_LIMITS.title),
    ...parts,
    metric: metric.slice(0, STORY_LIMITS.metric),
    competencies: question.competencies,
    ownCompetencies: "",
    skills: question.skills.filter((s) => bankSkills.has(s)),
    answerId: answer.id,
  };
}
