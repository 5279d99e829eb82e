import { formatDuration } from "~/dates/format";

interface TimedAnswer {
  startedAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
}

/** Seconds spent on one answer: from its start to its submission, never counting time past the deadline. */
export function secondsUsed(answer: TimedAnswer): number {
  if (!answer.submittedAt) return 0;
  const end = Math.min(answer.submittedAt.getTime(), answer.deadlineAt.getTime());
  return Math.max(0, Math.round((end - answer.startedAt.getTime()) / 1000));
}

/** The time a question of a round took: the main answer against its own clock, the follow-ups apart. */
export interface QuestionTime {
  /** Seconds on the main answer, the figure its allowance is compared with. */
  main: number;
  /** Seconds the main answer was allowed. */
  allowed: number;
  /** Seconds on the submitted follow-ups, each on its own shorter clock. */
  followUps: number;
  followUpCount: number;
}

/**
 * The one reckoning of a question's time, for the report page, its summary and
 * the Markdown export alike. "Time used" is the main answer's, set against the
 * main answer's allowance: a sum with the follow-ups (each with its own clock)
 * beside the main answer's limit would compare unlike things and read as if the
 * user had used more of their time than they did. Follow-up time is said apart.
 */
export function questionTime(
  main: TimedAnswer & { secondsAllowed: number },
  followUps: TimedAnswer[],
): QuestionTime {
  const submitted = followUps.filter((f) => f.submittedAt);
  return {
    main: secondsUsed(main),
    allowed: main.secondsAllowed,
    followUps: submitted.reduce((sum, f) => sum + secondsUsed(f), 0),
    followUpCount: submitted.length,
  };
}

/** "0:23 of 5:00", then ", plus 0:17 on 1 follow-up" when there were any. */
export function timeUsedText(time: QuestionTime): string {
  const main = `${formatDuration(time.main)} of ${formatDuration(time.allowed)}`;
  if (time.followUpCount === 0) return main;
  const plural = time.followUpCount === 1 ? "" : "s";
  return `${main}, plus ${formatDuration(time.followUps)} on ${time.followUpCount} follow-up${plural}`;
}
