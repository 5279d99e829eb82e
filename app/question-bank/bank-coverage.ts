import { BANDS, QUESTION_KINDS, ROLES } from "./question-choices";
import type { Question } from "./question-schema";

export interface BankCoverage {
  /** Per skill (alphabetical): how many questions practise it in each band, and in all. */
  skills: { skill: string; bands: Record<string, number>; total: number }[];
  kinds: Record<string, number>;
  roles: Record<string, number>;
  bands: Record<string, number>;
  total: number;
}

const zeroes = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0]));

/** How many questions exist per skill and band, per kind and per role: what `npm run bank:check` reports. */
export function bankCoverage(questions: readonly Question[]): BankCoverage {
  const bySkill = new Map<string, { bands: Record<string, number>; total: number }>();
  const kinds = zeroes(QUESTION_KINDS);
  const roles = zeroes(ROLES);
  const bands = zeroes(BANDS);
  for (const q of questions) {
    kinds[q.kind]! += 1;
    for (const role of q.roles) roles[role]! += 1;
    for (const band of q.bands) bands[band]! += 1;
    for (const skill of q.skills) {
      const row = bySkill.get(skill) ?? { bands: zeroes(BANDS), total: 0 };
      row.total += 1;
      for (const band of q.bands) row.bands[band]! += 1;
      bySkill.set(skill, row);
    }
  }
  const skills = [...bySkill.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([skill, row]) => ({ skill, ...row }));
  return { skills, kinds, roles, bands, total: questions.length };
}

/** The coverage as fixed-width text tables, for a terminal. */
export function formatCoverage(coverage: BankCoverage): string[] {
  const width = Math.max(5, ...coverage.skills.map((s) => s.skill.length));
  const cell = (value: string | number, size: number) => String(value).padStart(size);
  const bandWidths = BANDS.map((band) => Math.max(4, band.length));
  const header = [
    "skill".padEnd(width),
    ...BANDS.map((b, i) => cell(b, bandWidths[i]!)),
    cell("all", 4),
  ];
  const lines = [header.join("  ")];
  for (const row of coverage.skills) {
    lines.push(
      [
        row.skill.padEnd(width),
        ...BANDS.map((b, i) => cell(row.bands[b]!, bandWidths[i]!)),
        cell(row.total, 4),
      ].join("  "),
    );
  }
  lines.push(
    [
      "(questions)".padEnd(width),
      ...BANDS.map((b, i) => cell(coverage.bands[b]!, bandWidths[i]!)),
      cell(coverage.total, 4),
    ].join("  "),
  );
  lines.push("");
  lines.push(`kinds: ${QUESTION_KINDS.map((k) => `${k} ${coverage.kinds[k]}`).join(", ")}`);
  lines.push(`roles: ${ROLES.map((r) => `${r} ${coverage.roles[r]}`).join(", ")}`);
  return lines;
}
