import { useCallback, useEffect, useRef, useState } from "react";

/** The parts of the browser's speech synthesis used here: a fake stands in for it in tests. */
export interface Speech {
  synth: Pick<SpeechSynthesis, "cancel" | "speak" | "getVoices">;
  Utterance: new (text: string) => SpeechSynthesisUtterance;
}

/** The browser's speech synthesis, or null where there is none. */
export function browserSpeech(): Speech | null {
  if (typeof window === "undefined") return null;
  if (
    typeof window.speechSynthesis === "undefined" ||
    typeof window.SpeechSynthesisUtterance !== "function"
  )
    return null;
  return { synth: window.speechSynthesis, Utterance: window.SpeechSynthesisUtterance };
}

/**
 * Speaks `text` in the page's language, stopping anything already being read.
 * A voice that runs on this machine (`localService`) is preferred, so the
 * question does not leave it. `started` runs just before it is queued, `done`
 * when it ends or fails (a browser that refuses speech before the user has
 * touched the page fails at once), each with the utterance.
 */
export function speak(
  { synth, Utterance }: Speech,
  text: string,
  lang: string,
  {
    started,
    done,
  }: {
    started: (u: SpeechSynthesisUtterance) => void;
    done: (u: SpeechSynthesisUtterance) => void;
  },
): void {
  synth.cancel();
  const utterance = new Utterance(text);
  utterance.lang = lang;
  const voices = synth
    .getVoices()
    .filter((v) => v.lang.toLowerCase().startsWith(lang.slice(0, 2).toLowerCase()));
  const local =
    voices.find((v) => v.localService && v.default) ?? voices.find((v) => v.localService);
  if (local) utterance.voice = local;
  utterance.onend = () => done(utterance);
  utterance.onerror = () => done(utterance);
  started(utterance);
  synth.speak(utterance);
}

/**
 * "Read the question aloud" with the browser's speech synthesis. The server's
 * HTML has the button, disabled (and hidden by the stylesheet where scripts do
 * not run), so nothing moves when the page hydrates: it is enabled then, or
 * dropped in a browser without speech synthesis. With `autoRead` (the user's
 * preference) each text is read once when it arrives.
 */
export function ReadAloud({
  text,
  label = "Read the question aloud",
  autoRead = false,
}: {
  text: string;
  label?: string;
  autoRead?: boolean;
}) {
  // Undefined until the page hydrates (the server cannot know), null in a browser without speech.
  const [speech, setSpeech] = useState<Speech | null | undefined>(undefined);
  const [speaking, setSpeaking] = useState(false);
  const autoReadDone = useRef<string | null>(null);
  // The utterance being read: a cancelled one's late "end" must not mark the next one as finished.
  const current = useRef<SpeechSynthesisUtterance | null>(null);
  useEffect(() => {
    setSpeech(browserSpeech());
    // Leaving the page stops the voice.
    return () => window.speechSynthesis?.cancel();
  }, []);

  const start = useCallback(
    (s: Speech) => {
      speak(s, text, document.documentElement.lang || "en", {
        started: (u) => {
          current.current = u;
          setSpeaking(true);
        },
        done: (u) => {
          if (current.current === u) setSpeaking(false);
        },
      });
    },
    [text],
  );

  useEffect(() => {
    // Once per text: a re-render, or React running effects twice in development, does not read it again.
    if (!autoRead || !speech || autoReadDone.current === text) return;
    autoReadDone.current = text;
    start(speech);
  }, [autoRead, speech, text, start]);

  const toggle = useCallback(() => {
    if (!speech) return;
    if (speaking) {
      speech.synth.cancel();
      setSpeaking(false);
      return;
    }
    start(speech);
  }, [speech, speaking, start]);

  if (speech === null) return null;
  return (
    // Disabled until the page hydrates: a press before then would do nothing.
    <button
      type="button"
      className="secondary read-aloud"
      onClick={toggle}
      disabled={speech === undefined}
    >
      {speaking ? "Stop reading" : label}
    </button>
  );
}
