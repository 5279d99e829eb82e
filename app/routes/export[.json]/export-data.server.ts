import { asc, eq } from "drizzle-orm";
import {
  answers,
  criterionScores,
  grades,
  recordings,
  roundQuestions,
  rounds,
  skillSelfScores,
  stories,
  storyAnswers,
  users,
} from "../../../db/schema";
import { ownedBy } from "../../../db/owned-by";
import { listCustomQuestions } from "~/custom-questions/custom-questions.server";
import { getDb } from "~/db.server";
import { listAllStories } from "~/stories/stories.server";
import { RECORDING_INFO_COLUMNS } from "~/voice/recordings.server";
import { getPreferences } from "~/preferences/preferences.server";

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/**
 * Everything stored about one user, as plain data: account (never the
 * password hash or sessions), preferences, skill self-scores, every round
 * with its question snapshots, answers and all their grades, the story bank
 * (with the answers each story was told in) and the user's own questions
 * (as a pack would hold them). A spoken answer carries its recording's
 * transcript and figures, not its audio. A fixed number of queries, each joined back to
 * the user, whatever the number of rounds.
 */
export function exportUserData(userId: string) {
  const db = getDb();
  const user = db
    .select({ username: users.username, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  const ownRounds = db
    .select()
    .from(rounds)
    .where(ownedBy.round(userId))
    .orderBy(asc(rounds.createdAt))
    .all();
  const questionRows = db
    .select()
    .from(roundQuestions)
    .where(ownedBy.roundQuestion(userId))
    .orderBy(asc(roundQuestions.position))
    .all();
  const answerRows = db
    .select()
    .from(answers)
    .where(ownedBy.answer(userId))
    .orderBy(asc(answers.slot))
    .all();
  const gradeRows = db
    .select()
    .from(grades)
    .where(ownedBy.grade(userId))
    .orderBy(asc(grades.createdAt))
    .all();
  const scoreRows = db
    .select()
    .from(criterionScores)
    .where(ownedBy.criterionScore(userId))
    .orderBy(asc(criterionScores.position))
    .all();
  // A spoken answer's recording: what was measured and transcribed, never the audio itself (it stays replayable in the app).
  const recordingRows = db
    .select(RECORDING_INFO_COLUMNS)
    .from(recordings)
    .where(ownedBy.recording(userId))
    .all();

  const recordingByAnswer = new Map(
    recordingRows.map(({ answerId, ...recording }) => [answerId, recording]),
  );
  const scoresByGrade = groupBy(scoreRows, (s) => s.gradeId);
  const gradesByAnswer = groupBy(gradeRows, (g) => g.answerId);
  const answersByQuestion = groupBy(answerRows, (a) => a.roundQuestionId);
  const questionsByRound = groupBy(questionRows, (q) => q.roundId);
  const storyLinks = groupBy(
    db
      .select({ storyId: storyAnswers.storyId, answerId: storyAnswers.answerId })
      .from(storyAnswers)
      .innerJoin(stories, eq(stories.id, storyAnswers.storyId))
      .where(eq(stories.userId, userId))
      .all(),
    (link) => link.storyId,
  );

  return {
    format: "rehearse-export@1",
    exportedAt: new Date().toISOString(),
    user,
    preferences: getPreferences(userId),
    skillSelfScores: db
      .select({
        skill: skillSelfScores.skill,
        score: skillSelfScores.score,
        updatedAt: skillSelfScores.updatedAt,
      })
      .from(skillSelfScores)
      .where(eq(skillSelfScores.userId, userId))
      .all(),
    rounds: ownRounds.map(({ userId: _owner, ...round }) => ({
      ...round,
      questions: (questionsByRound.get(round.id) ?? []).map(({ roundId: _round, ...rq }) => ({
        ...rq,
        answers: (answersByQuestion.get(rq.id) ?? []).map(
          ({ roundQuestionId: _rq, ...answer }) => ({
            ...answer,
            recording: recordingByAnswer.get(answer.id) ?? null,
            grades: (gradesByAnswer.get(answer.id) ?? []).map(
              ({ answerId: _answer, ...grade }) => ({
                ...grade,
                criteria: (scoresByGrade.get(grade.id) ?? []).map(
                  ({ gradeId: _grade, ...score }) => score,
                ),
              }),
            ),
          }),
        ),
      })),
    })),
    stories: listAllStories(userId).map(({ userId: _owner, ...story }) => ({
      ...story,
      answerIds: (storyLinks.get(story.id) ?? []).map((link) => link.answerId),
    })),
    customQuestions: listCustomQuestions(userId),
  };
}
