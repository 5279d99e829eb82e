import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { parseQuestionFile } from "~/question-bank/load-bank.server";
import { splitBankReferences } from "./bank-references";

const file = "question-bank/explain-docker.yaml";
const docker = parseQuestionFile(file, readFileSync(file, "utf8"));

test("a bank question as the bank has it is a reference, whatever the order of its keys", () => {
  const reordered = Object.fromEntries(Object.entries(docker).reverse()) as typeof docker;
  expect(splitBankReferences([reordered], [docker])).toEqual({ own: [], references: 1 });
});

test("an entry under a bank id that differs from the bank's is one's own, kept with its place", () => {
  const edited = {
    ...docker,
    rubric: [
      { ...docker.rubric[0]!, weight: docker.rubric[0]!.weight + 1 },
      ...docker.rubric.slice(1),
    ],
  };
  const mine = { ...docker, id: "my-docker" };
  expect(splitBankReferences([docker, edited, mine], [docker])).toEqual({
    own: [
      { question: edited, index: 1 },
      { question: mine, index: 2 },
    ],
    references: 1,
  });
});
