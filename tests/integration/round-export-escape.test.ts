import { expect, test } from "vitest";
import { loader as exportLoader } from "~/routes/rounds.$roundId.export[.md]/route";
import { createSignedInUser, get, run } from "../utils/routes";
import { GOOD_ANSWER, takeRound } from "../utils/review";

// Issue 14, item 9: the round's Markdown export carried raw HTML from answers.
test(
  "the round's Markdown export escapes raw HTML and Markdown structure in an answer, as the story export does",
  { timeout: 60_000 },
  async () => {
    const who = await createSignedInUser("mdexport");
    const hostile = `${GOOD_ANSWER}\n<script>alert(1)</script> <img src=x onerror=alert(2)>\n# Forged heading\n[link](https://evil.example)`;
    const roundId = await takeRound(who, { answers: [hostile] });
    const result = await run(exportLoader, get(`/rounds/${roundId}/export.md`, who.cookie), {
      roundId,
    });
    expect(result.status).toBe(200);
    const markdown = String(result.data);
    expect(markdown).not.toMatch(/(?<!\\)<(script|img)/);
    expect(markdown).toContain("\\<script\\>alert(1)\\</script\\>");
    expect(markdown).not.toMatch(/^> # Forged heading$/m);
    expect(markdown).toContain("\\[link\\](https://evil.example)");
  },
);
