import { describe, expect, test } from "vitest";
import { dateFormat } from "~/dates/format";
import { escapeMarkdown, storiesToMarkdown, type MarkdownStory } from "./story-markdown";

const story = (overrides: Partial<MarkdownStory> = {}): MarkdownStory => ({
  id: "s1",
  title: "Checkout outage",
  situation: "Checkout failed at peak.",
  task: "I owned the recovery.",
  action: "I rolled back.\nThen I added a canary.",
  result: "Errors fell from 18% to 0.5%.",
  metric: "18% -> 0.5%",
  competencies: ["incident", "ownership"],
  skills: ["devops"],
  updatedAt: new Date(Date.UTC(2026, 2, 1, 9, 30)),
  ...overrides,
});

describe("story bank as Markdown", () => {
  test("one section per story with STAR headings, facts and usage", () => {
    const md = storiesToMarkdown(
      [story(), story({ id: "s2", title: "Second", result: "" })],
      new Map([["s1", { uses: 3, recentUses: 3, overused: true }]]),
      new Date(Date.UTC(2026, 2, 2)),
      dateFormat(),
    );
    expect(md).toMatch(/^# My story bank\n/);
    expect(md).toContain("2 stories");
    expect(md).toContain("## 1. Checkout outage");
    expect(md).toContain("## 2. Second");
    expect(md.match(/^### Situation$/gm)).toHaveLength(2);
    expect(md).toContain("### Action\n\nI rolled back.\nThen I added a canary.");
    expect(md).toContain("- Competencies: incident, ownership");
    expect(md).toContain("- Told in 3 answers (overused lately)");
    expect(md).toContain("- Told in 0 answers\n");
    // The incomplete story carries its flags; the complete one has none.
    expect(md).toContain("### Result\n\n_Not written yet._");
    expect(md.match(/### To improve/g)).toHaveLength(1);
  });

  test("an empty bank says so", () => {
    expect(storiesToMarkdown([], new Map(), new Date(), dateFormat())).toContain(
      "_No stories yet._",
    );
  });

  test("user text cannot forge headings, links, images, HTML, lists, quotes or tables", () => {
    const hostile =
      "# Fake heading\n[click](https://evil.example) ![x](y)\n<script>alert(1)</script>\n- item\n> quote\n1. one\n| a | b |\n---\n*bold* `code`";
    const md = storiesToMarkdown(
      [story({ title: "## Title [x](y)", situation: hostile })],
      new Map(),
      new Date(),
      dateFormat(),
    );
    expect(md).not.toMatch(/^#{1,6} Fake/m);
    expect(md).not.toMatch(/^## Title/m);
    expect(md).toContain("## 1. \\#\\# Title \\[x\\](y)");
    expect(md).not.toMatch(/(?<!\\)\[click(?<!\\)\]/);
    expect(md).not.toMatch(/(?<!\\)<script/);
    expect(md).not.toMatch(/^- item/m);
    expect(md).not.toMatch(/^> quote/m);
    expect(md).not.toMatch(/^1\. one/m);
    expect(md).not.toMatch(/^---$/m);
    expect(md).not.toMatch(/(?<!\\)\|/);
  });

  test("escaping keeps the words and line breaks", () => {
    expect(escapeMarkdown("p95 from 900 ms to 120 ms\r\nI'd do it again.")).toBe(
      "p95 from 900 ms to 120 ms\nI'd do it again.",
    );
    expect(escapeMarkdown("# a\n  - b\n2) c")).toBe("\\# a\n  \\- b\n2\\) c");
  });
});
