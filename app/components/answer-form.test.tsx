// @vitest-environment jsdom
import { createRemixStub } from "@remix-run/testing";
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AnswerForm } from "./answer-form";

/*
 * The answer box as the answer page mounts it, inside a real Remix router (createRemixStub): its form
 * posts to the route's action, its draft autosave posts to the draft route, its clock submits on expiry.
 * The actions here record what the page sent; the server side of each is tested in the integration project.
 */

const DRAFT_URL = "/rounds/r1/questions/1/draft";

function renderAnswerForm({ secondsLeft = 300, initialText = "", held = Promise.resolve() } = {}) {
  const posted: Array<Record<string, string>> = [];
  const serverNow = new Date();
  const Stub = createRemixStub([
    {
      path: "/rounds/r1/questions/1",
      Component: () => (
        <AnswerForm
          draftUrl={DRAFT_URL}
          initialText={initialText}
          deadline={new Date(serverNow.getTime() + secondsLeft * 1000)}
          serverNow={serverNow}
          secondsAllowed={300}
        />
      ),
      async action({ request }) {
        posted.push(Object.fromEntries(await request.formData()) as Record<string, string>);
        await held;
        return null;
      },
    },
  ]);
  render(<Stub initialEntries={["/rounds/r1/questions/1"]} />);
  return { posted };
}

/** The draft route, as a fetch stub: answers each save with `reply`, recording the text sent. */
function stubDraftRoute(reply: (text: string) => Response | Promise<Response>) {
  const saved: string[] = [];
  const fetchStub = vi.fn(async (url: RequestInfo | URL, init?: RequestInit) => {
    expect(String(url)).toBe(DRAFT_URL);
    const text = new URLSearchParams(String(init?.body)).get("answer") ?? "";
    saved.push(text);
    return reply(text);
  });
  vi.stubGlobal("fetch", fetchStub);
  return saved;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe("the answer form", () => {
  it("posts what was typed with the submit intent, and disables both buttons while it is on its way", async () => {
    let release = () => {};
    const { posted } = renderAnswerForm({ held: new Promise<void>((resolve) => (release = resolve)) });
    fireEvent.change(screen.getByLabelText("Your answer"), { target: { value: "Stateless servers scale out." } });
    const submit = screen.getByRole<HTMLButtonElement>("button", { name: "Submit answer" });
    const skip = screen.getByRole<HTMLButtonElement>("button", { name: "Skip this question" });
    fireEvent.click(submit);
    await waitFor(() => expect(posted).toEqual([{ intent: "submit", answer: "Stateless servers scale out." }]));
    // A second click (or the clock) cannot send it again while the first is held open.
    expect([submit.disabled, skip.disabled]).toEqual([true, true]);
    release();
    await waitFor(() => expect(submit.disabled).toBe(false));
    expect(posted).toHaveLength(1);
  });

  it("posts the skip intent from “Skip this question”, keeping the text", async () => {
    const { posted } = renderAnswerForm({ initialText: "half a thought" });
    fireEvent.click(screen.getByRole("button", { name: "Skip this question" }));
    await waitFor(() => expect(posted).toEqual([{ intent: "skip", answer: "half a thought" }]));
  });

  it("saves a draft when the box loses focus and says when, and counts the characters", async () => {
    const saved = stubDraftRoute(() => Response.json({ ok: true, savedAt: new Date().toISOString() }));
    renderAnswerForm();
    const box = screen.getByLabelText("Your answer");
    fireEvent.change(box, { target: { value: "GET is safe." } });
    fireEvent.blur(box);
    expect(await screen.findByText(/Draft saved \d\d:\d\d:\d\d/)).toBeTruthy();
    expect(saved).toEqual(["GET is safe."]);
    expect(screen.getByText(/^12 \/ /)).toBeTruthy();
  });

  it("says so when the draft route refuses a save, and keeps the text in the box", async () => {
    stubDraftRoute(() => Response.json({ ok: false, error: "This answer was already submitted." }, { status: 409 }));
    renderAnswerForm();
    const box = screen.getByLabelText<HTMLTextAreaElement>("Your answer");
    fireEvent.change(box, { target: { value: "my text" } });
    fireEvent.blur(box);
    expect(await screen.findByText("This answer was already submitted.")).toBeTruthy();
    expect(box.value).toBe("my text");
  });

  it("says so when the server cannot be reached, and keeps the text", async () => {
    stubDraftRoute(() => Promise.reject(new TypeError("Failed to fetch")));
    renderAnswerForm();
    const box = screen.getByLabelText<HTMLTextAreaElement>("Your answer");
    fireEvent.change(box, { target: { value: "offline text" } });
    fireEvent.blur(box);
    expect(await screen.findByText(/could not be reached\. Your text is still here\./)).toBeTruthy();
    expect(box.value).toBe("offline text");
  });

  it("autosaves 800 ms after the last keystroke, once, with the latest text (a controlled clock)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const saved = stubDraftRoute(() => Response.json({ ok: true, savedAt: new Date().toISOString() }));
    renderAnswerForm();
    const box = screen.getByLabelText("Your answer");
    fireEvent.change(box, { target: { value: "a" } });
    await act(() => vi.advanceTimersByTimeAsync(500));
    fireEvent.change(box, { target: { value: "ab" } });
    await act(() => vi.advanceTimersByTimeAsync(799));
    expect(saved).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1));
    expect(saved).toEqual(["ab"]);
  });

  it("submits what was written when the clock runs out, and skips when nothing was (a controlled clock)", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    stubDraftRoute(() => Response.json({ ok: true, savedAt: new Date().toISOString() }));
    const written = renderAnswerForm({ secondsLeft: 5, initialText: "Written before time ran out." });
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    expect(written.posted).toEqual([]);
    await act(() => vi.advanceTimersByTimeAsync(1_500));
    expect(written.posted).toEqual([{ intent: "submit", answer: "Written before time ran out." }]);
    cleanup();

    const empty = renderAnswerForm({ secondsLeft: 5 });
    await act(() => vi.advanceTimersByTimeAsync(5_500));
    expect(empty.posted).toEqual([{ intent: "skip", answer: "" }]);
  });
});
