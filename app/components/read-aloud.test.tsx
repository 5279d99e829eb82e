import { renderToStaticMarkup } from "react-dom/server";
import { expect, test, vi } from "vitest";
import { ReadAloud, speak, type Speech } from "./read-aloud";

/** A stand-in for the browser's speech synthesis: records what it was asked to say. */
function fakeSpeech(voices: Partial<SpeechSynthesisVoice>[] = []) {
  const spoken: SpeechSynthesisUtterance[] = [];
  const calls: string[] = [];
  class Utterance {
    lang = "";
    voice: SpeechSynthesisVoice | null = null;
    onend: (() => void) | null = null;
    onerror: (() => void) | null = null;
    constructor(public text: string) {}
  }
  const speech: Speech = {
    synth: {
      cancel: () => calls.push("cancel"),
      speak: (u) => {
        calls.push("speak");
        spoken.push(u);
      },
      getVoices: () => voices as SpeechSynthesisVoice[],
    },
    Utterance: Utterance as unknown as Speech["Utterance"],
  };
  return { speech, spoken, calls };
}

test("speaks the text in the page's language with a local voice, after stopping anything already read", () => {
  const { speech, spoken, calls } = fakeSpeech([
    { name: "remote", lang: "en-US", localService: false, default: true },
    { name: "french", lang: "fr-FR", localService: true, default: true },
    { name: "local", lang: "en-GB", localService: true, default: false },
  ]);
  const started = vi.fn();
  const done = vi.fn();
  speak(speech, "What is REST?", "en", { started, done });
  expect(calls).toEqual(["cancel", "speak"]);
  expect(spoken).toHaveLength(1);
  const [utterance] = spoken;
  expect(utterance!.text).toBe("What is REST?");
  expect(utterance!.lang).toBe("en");
  expect(utterance!.voice?.name).toBe("local");
  expect(started).toHaveBeenCalledWith(utterance);
  expect(done).not.toHaveBeenCalled();
  utterance!.onend!({} as SpeechSynthesisEvent);
  expect(done).toHaveBeenCalledWith(utterance);
});

test("without a local voice the browser's default is left alone; a refusal (not allowed) still ends it", () => {
  const { speech, spoken } = fakeSpeech([
    { name: "remote", lang: "en-US", localService: false, default: true },
  ]);
  const done = vi.fn();
  speak(speech, "Tell me about a conflict.", "en", { started: () => {}, done });
  expect(spoken[0]!.voice).toBeNull();
  spoken[0]!.onerror!({} as SpeechSynthesisErrorEvent);
  expect(done).toHaveBeenCalledTimes(1);
});

test("the server renders the button, disabled, so it is in place before the page hydrates and nothing moves then", () => {
  expect(renderToStaticMarkup(<ReadAloud text="What is REST?" autoRead />)).toBe(
    '<button type="button" class="secondary read-aloud" disabled="">Read the question aloud</button>',
  );
});
