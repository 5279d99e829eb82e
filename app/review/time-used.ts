/** Seconds spent on one answer: from its start to its submission, never counting time past the deadline. */
export function secondsUsed(answer: {
  startedAt: Date;
  deadlineAt: Date;
  submittedAt: Date | null;
}): number {
  if (!answer.submittedAt) return 0;
  const end = Math.min(answer.submittedAt.getTime(), answer.deadlineAt.getTime());
  return Math.max(0, Math.round((end - answer.startedAt.getTime()) / 1000));
}
