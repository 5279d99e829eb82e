// @vitest-environment jsdom
import type { SubmissionResult } from "@conform-to/react";
import { useActionData } from "@remix-run/react";
import { createRemixStub } from "@remix-run/testing";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { STORY_LIMITS } from "~/stories/story-limits";
import { parseStoryForm } from "~/stories/story-form.server";
import { StoryForm } from "./story-form";

/*
 * The story form inside a real Remix router, posting to an action that validates with the app's own
 * parser (parseStoryForm, the one /stories/new uses) and answers a rejection the way the route does.
 * Saving to the database is the integration project's business; this is what the person at the form sees.
 */

const OPTIONS = { competencies: ["ownership", "conflict"], skills: ["databases", "http"] };

function renderStoryForm() {
  const accepted: unknown[] = [];
  function NewStory() {
    const lastResult = useActionData<SubmissionResult<string[]>>();
    return (
      <StoryForm
        defaultValue={{}}
        lastResult={lastResult}
        options={OPTIONS}
        submitLabel="Save story"
      />
    );
  }
  const Stub = createRemixStub([
    {
      path: "/stories/new",
      Component: NewStory,
      async action({ request }) {
        const submission = parseStoryForm(await request.formData());
        if (submission.status !== "success") return submission.reply();
        accepted.push(submission.value);
        return null;
      },
    },
  ]);
  render(<Stub initialEntries={["/stories/new"]} />);
  return { accepted };
}

afterEach(cleanup);

const field = (label: string) =>
  screen.getByLabelText<HTMLInputElement | HTMLTextAreaElement>(label);

describe("the story form", () => {
  it("saves a story with its parts trimmed and its own competencies made into tags", async () => {
    const { accepted } = renderStoryForm();
    fireEvent.change(field("Title"), { target: { value: "Checkout outage" } });
    fireEvent.change(field("Situation"), {
      target: { value: "  Black Friday, checkout failing.  " },
    });
    fireEvent.change(field("Your own competencies"), { target: { value: "On call, Hiring" } });
    fireEvent.click(screen.getByLabelText("ownership"));
    fireEvent.click(screen.getByRole("button", { name: "Save story" }));
    await waitFor(() => expect(accepted).toHaveLength(1));
    expect(accepted[0]).toMatchObject({
      title: "Checkout outage",
      situation: "Black Friday, checkout failing.",
      competencies: ["ownership", "on-call", "hiring"],
      skills: [],
    });
  });

  it("with no title: says why beside the field, marks it invalid and wires the message to it, keeping every other value", async () => {
    const { accepted } = renderStoryForm();
    fireEvent.change(field("Situation"), {
      target: { value: "The nightly export took nine hours." },
    });
    fireEvent.click(screen.getByLabelText("conflict"));
    // `required` would stop a browser here; the server's check is what a script or an old browser meets.
    field("Title").removeAttribute("required");
    fireEvent.click(screen.getByRole("button", { name: "Save story" }));
    expect(await screen.findByText("Give the story a title.")).toBeTruthy();
    expect(accepted).toEqual([]);
    const title = field("Title");
    expect(title.getAttribute("aria-invalid")).toBe("true");
    expect(title.getAttribute("aria-describedby")?.split(" ")).toEqual([
      "story-title-error",
      "story-title-description",
    ]);
    expect(document.getElementById("story-title-error")?.textContent).toContain(
      "Give the story a title.",
    );
    expect(document.getElementById("story-title-description")?.textContent).toContain(
      "A name you will recognise",
    );
    expect(field("Situation").value).toBe("The nightly export took nine hours.");
    expect(screen.getByLabelText<HTMLInputElement>("conflict").checked).toBe(true);
    // Fields without an error are not marked.
    expect(field("Situation").getAttribute("aria-invalid")).toBeNull();
  });

  it("refuses a part over its limit with a sentence that says the limit, and keeps the text", async () => {
    renderStoryForm();
    const long = "x".repeat(STORY_LIMITS.part + 1);
    fireEvent.change(field("Title"), { target: { value: "Too long" } });
    // maxLength stops typing in a browser, not a pasted post: the server still says no.
    fireEvent.change(field("Action"), { target: { value: long } });
    fireEvent.click(screen.getByRole("button", { name: "Save story" }));
    expect(await screen.findByText("Keep the action under 4,000 characters.")).toBeTruthy();
    expect(field("Action").getAttribute("aria-invalid")).toBe("true");
    expect(field("Action").value).toHaveLength(STORY_LIMITS.part + 1);
  });

  it("refuses malformed competencies with a sentence that says how to write them, shown back as text", async () => {
    renderStoryForm();
    fireEvent.change(field("Title"), { target: { value: "Tags" } });
    fireEvent.change(field("Your own competencies"), { target: { value: "<b>bold</b>" } });
    fireEvent.click(screen.getByRole("button", { name: "Save story" }));
    expect(await screen.findByText(/Write your own competencies as short words/)).toBeTruthy();
    expect(field("Your own competencies").getAttribute("aria-invalid")).toBe("true");
    expect(field("Your own competencies").value).toBe("<b>bold</b>");
    expect(document.querySelector(".story-form b")).toBeNull();
  });

  it("refuses a forged skill that is not in the bank, beside the skills", async () => {
    const { accepted } = renderStoryForm();
    fireEvent.change(field("Title"), { target: { value: "Tags" } });
    const skill = screen.getByLabelText<HTMLInputElement>("Databases");
    fireEvent.click(skill);
    // The list offered databases; the post says something else.
    skill.setAttribute("value", "not-a-bank-skill");
    fireEvent.click(screen.getByRole("button", { name: "Save story" }));
    expect(
      await screen.findByText("Unknown skill: not-a-bank-skill. Pick skills from the list."),
    ).toBeTruthy();
    const skills = document.getElementById("story-skills-error");
    expect(skills?.textContent).toContain("Unknown skill");
    expect(skills?.closest("fieldset")?.getAttribute("aria-describedby")).toBe(
      "story-skills-error",
    );
    expect(accepted).toEqual([]);
  });
});
