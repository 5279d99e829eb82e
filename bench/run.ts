/**
 * npm run bench: runs every bench section and prints its table. A new
 * section is a file in bench/ exporting a BenchSection, added to SECTIONS.
 */
import { llmGraderSection } from "./llm-grader";
import { offlineGraderSection } from "./offline-grader";
import { reviewPagesSection } from "./review-pages";

export interface BenchSection {
  name: string;
  /** Returns the section's result as printable text (usually a Markdown table). */
  run: () => string | Promise<string>;
}

const SECTIONS: BenchSection[] = [offlineGraderSection, llmGraderSection, reviewPagesSection];

async function main(): Promise<void> {
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}\n`);
  for (const section of SECTIONS) {
    console.log(`## ${section.name}\n`);
    console.log(await section.run());
    console.log("");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
