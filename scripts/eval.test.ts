import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EvalError, parseArgs, runEval, spearman } from "./eval";
import { testBank } from "~/grading/offline/test-helpers";

function fileWith(lines: string[]): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "eval-")), "set.jsonl");
  writeFileSync(file, lines.join("\n"));
  return file;
}

async function evalLines(
  argv: string[],
): Promise<{ lines: string[]; summary: Awaited<ReturnType<typeof runEval>> }> {
  const lines: string[] = [];
  const summary = await runEval(argv, (line) => lines.push(line));
  return { lines, summary };
}

describe("npm run eval on the calibration set", () => {
  it("ranks answers like the references: Spearman >= 0.80 and strong beats traps on every question", async () => {
    const { summary } = await evalLines(["tests/fixtures/calibration.jsonl"]);
    expect(summary.records).toBeGreaterThanOrEqual(49);
    expect(summary.spearman).toBeGreaterThanOrEqual(0.8);
    expect(summary.questions.length).toBeGreaterThanOrEqual(7);
    for (const q of summary.questions) expect(q.strongBeatsTraps, q.questionId).toBe(true);
  });

  it("holds on the second set written in other voices", async () => {
    const { summary } = await evalLines(["tests/fixtures/calibration-holdout.jsonl"]);
    expect(summary.spearman).toBeGreaterThanOrEqual(0.8);
    expect(summary.allStrongBeatTraps).toBe(true);
  });
});

describe("eval output", () => {
  const good = JSON.stringify({
    id: "a",
    question: "Explain REST APIs",
    answer:
      "REST models resources such as /orders/42, and GET reads them because the URL names a thing.",
    reference: 4,
  });
  const weak = JSON.stringify({
    question: "explain-rest-apis",
    answer: "REST uses HTTP.",
    reference: 1,
  });

  it("prints each record and a summary", async () => {
    const { lines } = await evalLines([fileWith([good, weak])]);
    expect(lines[0]).toMatch(/^a\s+\d\.\d {2}ref 4 {2}\[resources-and-uris=\d/);
    expect(lines[1]).toMatch(/^line-2\s/);
    expect(lines.join("\n")).toMatch(
      /Spearman: 1\.000[\s\S]*mean absolute error[\s\S]*explain-rest-apis: yes/,
    );
  });

  it("prints one JSON object per record and a JSON summary with --json", async () => {
    const { lines } = await evalLines([fileWith([good, "", weak]), "--json"]);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects).toHaveLength(3);
    expect(objects[0]).toMatchObject({
      line: 1,
      id: "a",
      question: "explain-rest-apis",
      reference: 4,
    });
    expect(objects[1]).toMatchObject({ line: 3, reference: 1 });
    expect(objects[2]).toMatchObject({ summary: true, grader: "offline", records: 2, spearman: 1 });
  });

  it("matches questions by id or title, case-insensitively", async () => {
    const line = (q: string) => JSON.stringify({ question: q, answer: "REST uses resources." });
    const { summary } = await evalLines([
      fileWith([line("EXPLAIN rest apis"), line("Explain-REST-APIs")]),
      "--json",
    ]);
    expect(summary.records).toBe(2);
    expect(summary.spearman).toBeNull();
  });
});

describe("eval errors", () => {
  it.each([
    [["{not json"], /line 1: not valid JSON/],
    [['{"question": "Explain REST APIs"}'], /line 1: answer:/],
    [['{"question": "Explain REST APIs", "answer": "x", "reference": 7}'], /line 1: reference:/],
    [
      [
        '{"question": "Explain REST APIs", "answer": "x"}',
        '{"question": "Explain quantum physics", "answer": "x"}',
      ],
      /line 2: unknown question "Explain quantum physics"/,
    ],
    [[""], /no records/],
  ])("stops on %j", async (lines, message) => {
    await expect(runEval([fileWith(lines)], () => {})).rejects.toThrow(message);
  });

  it("rejects bad arguments", async () => {
    expect(() => parseArgs([])).toThrow(EvalError);
    expect(() => parseArgs(["f.jsonl", "--grader", "magic"])).toThrow(/unknown grader/);
    expect(() => parseArgs(["f.jsonl", "--verbose"])).toThrow(/unknown option/);
  });
});

describe("spearman", () => {
  it("handles ties and degenerate input", () => {
    expect(spearman([1, 2, 3], [10, 20, 30])).toBe(1);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBe(-1);
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(0.866, 3);
    expect(spearman([1, 1], [1, 2])).toBeNull();
    expect(spearman([1], [1])).toBeNull();
  });
});

describe("agreement figures", () => {
  it("quadratic weighted kappa: 1 for perfect agreement, below 0 for reversed ranks, null when undefined", async () => {
    const { quadraticKappa } = await import("./eval");
    expect(quadraticKappa([1, 2, 3, 4, 5], [1, 2, 3, 4, 5])).toBeCloseTo(1);
    expect(quadraticKappa([5, 4, 3, 2, 1], [1, 2, 3, 4, 5])!).toBeLessThan(0);
    // Off by one everywhere agrees more than off by four.
    expect(quadraticKappa([2, 3, 4, 5, 5], [1, 2, 3, 4, 5])!).toBeGreaterThan(
      quadraticKappa([5, 5, 1, 1, 3], [1, 2, 3, 4, 5])!,
    );
    expect(quadraticKappa([3], [3])).toBeNull();
  });

  it("reports per kind and the plain-vs-salad checks, and records carry grader and notAssessed", async () => {
    const salad = JSON.stringify({
      id: "s",
      questionId: "explain-rest-apis",
      kind: "concept",
      variant: "salad",
      reference: 1,
      answer:
        "Resources are idempotent because the URI is a representation, so JSON makes status codes stateless.",
    });
    const plain = JSON.stringify({
      id: "p",
      questionId: "explain-rest-apis",
      kind: "plain",
      reference: 4,
      answer:
        "Each thing the service manages gets its own address, and clients read or change it with the usual verbs.",
    });
    const german = JSON.stringify({
      id: "g",
      questionId: "explain-rest-apis",
      kind: "plain",
      reference: 4,
      answer:
        "Der Server speichert keinen Zustand des Clients, und jede Anfrage ist für sich vollständig und wird einzeln verarbeitet.",
    });
    const { lines, summary } = await evalLines([fileWith([salad, plain, german]), "--json"]);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(objects[0]).toMatchObject({
      id: "s",
      kind: "salad",
      grader: "offline",
      notAssessed: false,
    });
    expect(objects[2]).toMatchObject({
      id: "g",
      grader: "offline",
      notAssessed: true,
      overall: null,
    });
    expect(summary.notAssessed).toBe(1);
    expect(Object.keys(summary.byAnswerKind).sort()).toEqual(["plain", "salad"]);
    expect(summary.byQuestionKind.concept?.n).toBe(2);
    expect(summary.pairs).toHaveLength(1);
    expect(summary.pairs[0]?.questionId).toBe("explain-rest-apis");
    const text = (await evalLines([fileWith([salad, plain])])).lines.join("\n");
    expect(text).toMatch(/by answer kind:[\s\S]*plain[\s\S]*QWK/);
    expect(text).toMatch(/plain words vs salad[\s\S]*explain-rest-apis/);
  });
});

it("pairs only correct plain-words answers against salads: a wrong answer in plain words is not one", async () => {
  const { isPlainWordsKind } = await import("./eval");
  expect(["plain", "plain-short", "Plain"].map(isPlainWordsKind)).toEqual([true, true, true]);
  expect(["wrongplain", "wrong-plain", "jargon", "salad"].map(isPlainWordsKind)).toEqual([
    false,
    false,
    false,
    false,
  ]);
});

describe("adversarial pairs: plain words against buzzword salad", () => {
  // Several checks read the same set: it is graded once per run of this file.
  const graded = new Map<string, ReturnType<typeof evalLines>>();
  function evalFile(file: string): ReturnType<typeof evalLines> {
    let result = graded.get(file);
    if (!result) graded.set(file, (result = evalLines([file])));
    return result;
  }

  async function pairFailures(file: string): Promise<string[]> {
    const { summary } = await evalFile(file);
    expect(summary.pairs.length).toBeGreaterThanOrEqual(15);
    return summary.pairs
      .filter(
        (p) =>
          p.plainBeatsSalad === false || p.saladAtMost2 === false || p.plainAtLeast3_5 === false,
      )
      .map((p) => `${p.questionId}: plain ${p.plain} salad ${p.salad}`);
  }

  /** The questions whose plain-words answer is below 3.5 (or, with aboveSalad, not above its salad), in a set of `questions` pairs. */
  async function plainFailures(file: string, questions: number, aboveSalad = false) {
    const { summary } = await evalFile(file);
    expect(summary.pairs).toHaveLength(questions);
    return summary.pairs
      .filter((p) => p.plainAtLeast3_5 !== true || (aboveSalad && p.plainBeatsSalad !== true))
      .map((p) => p.questionId);
  }

  // The dev set (all bank questions) was tuned against.
  it("tests/fixtures/grader-pairs-dev.jsonl: plain beats salad on every question, salad <= 2, plain >= 3.5", async () => {
    expect(await pairFailures("tests/fixtures/grader-pairs-dev.jsonl")).toEqual([]);
  }, 60_000);

  // Dev sets 2 and 3 were written later by helpers that had not seen the grader, then tuned against (the
  // claimed-story and dense-chaining salad rules). Dev set 2 passes its strict check (below); what holds
  // of dev set 3 is held here, and what does not yet is an expected failure below, like the frozen set.
  it("tests/fixtures/grader-pairs-dev3.jsonl: plain beats salad and salad <= 2 on every question", async () => {
    const { summary } = await evalFile("tests/fixtures/grader-pairs-dev3.jsonl");
    expect(
      summary.pairs
        .filter((p) => p.plainBeatsSalad === false || p.saladAtMost2 === false)
        .map((p) => p.questionId),
    ).toEqual([]);
  }, 120_000);

  // Dev set 2's last gap (a causal salad on git at 2.2) closed once two stated misconceptions read as
  // salad and the bank listed more of them: its strict check holds.
  it("tests/fixtures/grader-pairs-dev2.jsonl: plain beats salad on every question, salad <= 2, plain >= 3.5", async () => {
    expect(await pairFailures("tests/fixtures/grader-pairs-dev2.jsonl")).toEqual([]);
  }, 120_000);

  // Known gap: one of dev set 3's short plain answers (idempotent-apis) lands at 3.4 (3.1 before a plain
  // statement's credit went from 0.4 to 0.5; oauth 3.2 -> 3.5).
  it.fails(
    "tests/fixtures/grader-pairs-dev3.jsonl: the strict check (known gap)",
    async () => {
      expect(await pairFailures("tests/fixtures/grader-pairs-dev3.jsonl")).toEqual([]);
    },
    120_000,
  );

  // Dev set 4 was written by a helper that had not seen the grader, and first graded after the bare-claims
  // and covered-share rules were built: 11 of its 24 salads scored above 2. Two were stories the speaker
  // only watched (now held at 2); the other nine are fluent paragraphs of false statements on the topic
  // ("Hash maps keep their keys sorted"), which word meaning cannot tell from true ones; only the rubric's
  // listed misconceptions catch a falsehood. A known gap, held as one.
  it.fails(
    "tests/fixtures/grader-pairs-dev4.jsonl: the strict check (known gap)",
    async () => {
      expect(await pairFailures("tests/fixtures/grader-pairs-dev4.jsonl")).toEqual([]);
    },
    120_000,
  );

  // Dev sets 5 (20 questions) and 8 (all 33 concept and design questions and 6 behavioural) were written by
  // helpers that saw only the questions and criteria. Dev set 5 was first graded at 30a4a3b: 8 of its 13
  // concept and design salads (fluent false statements) scored above 2. Dev set 8 was first graded at
  // b0c7d97, after every rule and bank change of that stop, and read by no one before: 4 of its 33 concept
  // and design salads scored above 2; every plain answer >= 3.5 and every behavioural salad <= 2 held in
  // both, and are held here.
  it.each(["tests/fixtures/grader-pairs-dev5.jsonl", "tests/fixtures/grader-pairs-dev8.jsonl"])(
    "%s: every plain answer >= 3.5, every behavioural salad <= 2",
    async (file) => {
      const { summary } = await evalFile(file);
      expect(
        summary.pairs.filter((p) => p.plainAtLeast3_5 === false).map((p) => p.questionId),
      ).toEqual([]);
      const behavioural = new Set(
        testBank()
          .filter((q) => q.kind === "behavioural")
          .map((q) => q.id),
      );
      expect(
        summary.pairs
          .filter((p) => behavioural.has(p.questionId) && p.saladAtMost2 === false)
          .map((p) => p.questionId),
      ).toEqual([]);
    },
    180_000,
  );

  // Dev set 6 (24 questions, unseen writer) at first grading: 3 of 24 salads above 2 (ci-cd, chat, pastebin),
  // all plain answers >= 3.5; then read, and its salads' wordings were given as examples to the helper
  // that wrote more misconception phrasings: its strict check holds since, and is held.
  it("tests/fixtures/grader-pairs-dev6.jsonl: plain beats salad on every question, salad <= 2, plain >= 3.5", async () => {
    expect(await pairFailures("tests/fixtures/grader-pairs-dev6.jsonl")).toEqual([]);
  }, 120_000);

  // Known gaps: fluent false statements the bank does not list (dev set 5: 3 salads; dev set 7: 2, after it
  // was read; dev set 8: 4).
  it.fails.each([
    "tests/fixtures/grader-pairs-dev5.jsonl",
    "tests/fixtures/grader-pairs-dev7.jsonl",
    "tests/fixtures/grader-pairs-dev8.jsonl",
  ])(
    "%s: the strict check (known gap)",
    async (file) => {
      expect(await pairFailures(file)).toEqual([]);
    },
    180_000,
  );

  // Dev sets 9 and 10 (all 43 questions, four answers each: salad, plain words, wrong in plain words, and
  // partial or jargon) were written by helpers that saw only the questions and criteria. Dev set 9 was first
  // graded at 23f6ad3, before this stop's changes: 5 of 43 salads above 2 (two of them behavioural), 2
  // plain answers below 3.5. It was then read and tuned against (the rubric-talk rule for stories). Dev
  // set 10 was first graded at 7a27192, after the stop's bank changes, read by no one before: every plain
  // answer >= 3.5 (held here); 7 of 43 salads above 2 (fluent false statements, and one behavioural salad at
  // 3.3), and a tie on http-status-codes. It was then read, and its blame stories led to the one-action cap.
  const dev10 = "tests/fixtures/grader-pairs-dev10.jsonl";
  it(`${dev10}: every plain-words answer >= 3.5`, async () => {
    expect(await plainFailures(dev10, 43)).toEqual([]);
  }, 180_000);

  // Dev set 11 (30 questions: every behavioural and design one, 13 concept; salad, plain, jargon; unseen
  // writer) was first graded at 617a996, the stop's final grader, and read only after: every plain answer
  // >= 3.5 and above its salad (held here); one salad above 2 (sql-joins, 4.1); two strong jargon stories
  // dense in percentages read as claimed stories (1.6, 1.8), a known gap.
  const dev11 = "tests/fixtures/grader-pairs-dev11.jsonl";
  it(`${dev11}: every plain-words answer >= 3.5 and above the salad`, async () => {
    expect(await plainFailures(dev11, 30, true)).toEqual([]);
  }, 180_000);

  it.fails.each(["tests/fixtures/grader-pairs-dev9.jsonl", dev10, dev11])(
    "%s: the strict check (known gap)",
    async (file) => {
      expect(await pairFailures(file)).toEqual([]);
    },
    180_000,
  );

  // Dev set 12 (all 43 questions: salad, short plain-words answer, wrong in plain words, partial; unseen
  // writer) was first graded at 9ed34a4, read by no one before: Spearman 0.722 (behavioural 0.655, concept
  // 0.797, design 0.463); plain beats salad 40/43, salad <= 2 36/43, plain >= 3.5 39/43. It was then read:
  // a story measured in shares ("1% of loads", "10% of users") was read as a claimed story (see
  // story-grounding.ts UNGROUNDED_BELOW_NO_VIEWS), and dense correct statements earned too little (a
  // statement's credit 0.4 -> 0.5, key-points.ts). Every plain answer >= 3.5 since, held here.
  // Dev set 13 (salad, plain, wrong in plain words, jargon; unseen writer, asked for salads of calm,
  // textbook-sounding false statements) was first graded after those changes, read by no one before:
  // Spearman 0.810 (behavioural 0.872, concept 0.843, design 0.732); plain >= 3.5 43/43 (held here);
  // plain beats salad 38/43; salad <= 2 only 27/43: fluent false statements the bank does not list.
  // Dev set 14 (salads a third each causal chains, calm false statements and STAR labels or habits with
  // no story; plain, jargon, wrong in plain words; unseen writer given only the questions and criteria)
  // was first graded at the grader of 4d1080e, read by no one before: Spearman 0.835 (behavioural 0.796,
  // concept 0.874, design 0.811); plain >= 3.5 43/43 and plain beats salad 43/43 (both held here);
  // salad <= 2 37/43 (five false-statement salads 3.7-4.5, one habits-for-a-story answer 2.6, since
  // read as views: story-grounding.ts).
  const dev12 = "tests/fixtures/grader-pairs-dev12.jsonl";
  const dev13 = "tests/fixtures/grader-pairs-dev13.jsonl";
  const dev14 = "tests/fixtures/grader-pairs-dev14.jsonl";
  it(`${dev14}: every plain-words answer >= 3.5 and above the salad`, async () => {
    expect(await plainFailures(dev14, 43, true)).toEqual([]);
  }, 180_000);

  it.each([dev12, dev13])(
    "%s: every plain-words answer >= 3.5",
    async (file) => {
      expect(await plainFailures(file, 43)).toEqual([]);
    },
    180_000,
  );

  it.fails.each([dev12, dev13, dev14])(
    "%s: the strict check (known gap)",
    async (file) => {
      expect(await pairFailures(file)).toEqual([]);
    },
    180_000,
  );

  // The frozen set was written before tuning and never read (pass or fail and scores only). Its strict
  // check failed on one plain-words answer (idempotent-apis, 3.4) until a plainly stated point's credit
  // went from 0.4 to 0.5 (key-points.ts), a change chosen on the dev sets; it holds since.
  it("tests/fixtures/grader-pairs-frozen.jsonl: plain beats salad on every question, salad <= 2, plain >= 3.5", async () => {
    expect(await pairFailures("tests/fixtures/grader-pairs-frozen.jsonl")).toEqual([]);
  }, 60_000);
});
