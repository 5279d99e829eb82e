/**
 * npm run bench: runs every bench section and prints its table. A new
 * section is a file in bench/ exporting a BenchSection, added to SECTIONS
 * under a short key; `npm run bench -- load bundle` runs only those sections.
 */
import { bundleSection } from "./bundle";
import { lighthouseSection } from "./lighthouse";
import { llmGraderSection } from "./llm-grader";
import { loadSection } from "./load";
import { offlineGraderSection } from "./offline-grader";
import { reviewPagesSection } from "./review-pages";

export interface BenchSection {
  name: string;
  /** Returns the section's result as printable text (usually a Markdown table). */
  run: () => string | Promise<string>;
}

const SECTIONS: Record<string, BenchSection> = {
  offline: offlineGraderSection,
  llm: llmGraderSection,
  review: reviewPagesSection,
  load: loadSection,
  bundle: bundleSection,
  lighthouse: lighthouseSection,
};

function selectedSections(keys: string[]): BenchSection[] {
  if (keys.length === 0) return Object.values(SECTIONS);
  const unknown = keys.filter((key) => !(key in SECTIONS));
  if (unknown.length > 0) {
    throw new Error(
      `Unknown bench section: ${unknown.join(", ")}. Known: ${Object.keys(SECTIONS).join(", ")}.`,
    );
  }
  return keys.map((key) => SECTIONS[key]!);
}

async function main(): Promise<void> {
  const sections = selectedSections(process.argv.slice(2));
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}\n`);
  for (const section of sections) {
    console.log(`## ${section.name}\n`);
    console.log(await section.run());
    console.log("");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
