import { gradeOffline } from "~/grading/offline/grade-offline.server";
import { readText } from "~/grading/offline/read-text";
import { compileRubric } from "~/grading/offline/rubric-index";
import { overlaps } from "~/grading/offline/semantic";
import type { Question } from "~/question-bank/question-schema";
import { loadBankFrom } from "~/question-bank/load-bank.server";
import type { BenchSection } from "./run";
import { formatTable, measure } from "./stats";

/**
 * Offline grader speed: median and p95 time per answer at three answer
 * lengths, on answers built from realistic sentences (explanations, lists,
 * numbers, a story) so every stage of the grader does its normal work.
 */

const SENTENCES = [
  "REST models the domain as resources identified by URIs such as /orders/42, so the URL names a thing and the HTTP method says what to do with it.",
  "GET, PUT and DELETE are idempotent, which means a client can safely retry them after a timeout, while POST needs an idempotency key.",
  "I was on call when the error rate jumped to 18%, so I rolled back the deploy and the failures dropped back under 0.5% within 12 minutes.",
  "Postgres gives you ACID transactions and MVCC, because readers see a snapshot and never block writers, though autovacuum has to clean up dead tuples.",
  "Containers share the host kernel and are isolated with namespaces and cgroups, which is why they start in milliseconds instead of booting a VM.",
  "We cached hot links in Redis with a TTL, put a CDN in front of the redirect path and sent click events to Kafka asynchronously.",
  "Caching, sharding, replication, load balancing, rate limiting, observability and graceful degradation all matter here.",
  "The lesson I took is to measure before optimising, and since then I add a latency budget to every new endpoint.",
  "Honestly, I think teams should basically care about performance from day one, you know, rather than as an afterthought.",
  "I proposed a middle path with a lint rule on imports and we agreed to extract the service if deploys stayed blocked twice a month.",
];

export function answerOfWords(words: number): string {
  const out: string[] = [];
  let count = 0;
  for (let i = 0; count < words; i++) {
    const sentence = SENTENCES[i % SENTENCES.length] ?? "";
    const parts = sentence.split(" ");
    const take = parts.slice(0, Math.min(parts.length, words - count));
    out.push(take.join(" ") + (take.length < parts.length ? "." : ""));
    count += take.length;
  }
  return out.join(" ");
}

export const offlineGraderSection: BenchSection = {
  name: "Offline grader: time per answer",
  run() {
    const bank = loadBankFrom("question-bank");
    const questions = ["explain-rest-apis", "production-incident"].map((id) => {
      const q = bank.find((x) => x.id === id);
      if (!q) throw new Error(`bench needs question ${id}`);
      return q;
    });
    const rows = [50, 300, 1500].flatMap((words) => {
      const answer = answerOfWords(words);
      return questions.map((question) => {
        const request = { question, answer, secondsAllowed: question.minutes * 60, secondsTaken: 240, probe: null, askedProbes: [] };
        const iterations = words >= 1500 ? 200 : 1000;
        const stats = measure(() => gradeOffline(request), { warmup: 100, iterations });
        return [`${words} words`, question.id, stats.median.toFixed(3), stats.p95.toFixed(3), String(iterations)];
      });
    });
    // The meaning match alone (word vectors against every key point's meaning), on the 300-word answer.
    const rest = questions[0] as Question;
    const rubric = compileRubric(rest);
    const { keyed } = readText(answerOfWords(300), rubric.lexicon);
    const meaning = measure(() => overlaps(rubric, keyed), { warmup: 100, iterations: 1000 });
    rows.push(["300 words", `${rest.id} (meaning match only)`, meaning.median.toFixed(3), meaning.p95.toFixed(3), "1000"]);
    return formatTable(["answer", "question", "median ms", "p95 ms", "runs"], rows);
  },
};
