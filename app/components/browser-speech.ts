/**
 * The browser's own speech recognition (Web Speech API), used only when no
 * transcription server is configured. Chrome, Edge and Safari send the audio
 * to their maker's servers for it, and it may not work offline at all: the
 * page says so, and a failure just leaves the user to type.
 */

interface RecognitionResultList {
  length: number;
  [index: number]: { isFinal: boolean; 0: { transcript: string } };
}

interface Recognition {
  continuous: boolean;
  interimResults: boolean;
  lang: string;
  onresult: ((event: { resultIndex: number; results: RecognitionResultList }) => void) | null;
  onerror: ((event: { error: string }) => void) | null;
  onend: (() => void) | null;
  start(): void;
  stop(): void;
  abort(): void;
}

type RecognitionConstructor = new () => Recognition;

function recognitionConstructor(): RecognitionConstructor | null {
  if (typeof window === "undefined") return null;
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

export function hasBrowserSpeech(): boolean {
  return recognitionConstructor() !== null;
}

/**
 * Listens while the recording runs; `finish()` stops it and resolves with
 * what was recognised, or null when it failed or heard nothing.
 */
export function listen(): { finish: () => Promise<string | null>; cancel: () => void } | null {
  const Constructor = recognitionConstructor();
  if (!Constructor) return null;
  let recognition: Recognition;
  try {
    recognition = new Constructor();
  } catch {
    return null;
  }
  const finals: string[] = [];
  let failed = false;
  let ended = false;
  let onEnded: () => void = () => {};
  recognition.continuous = true;
  recognition.interimResults = false;
  recognition.lang = document.documentElement.lang || navigator.language || "en-US";
  recognition.onresult = (event) => {
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i];
      if (result?.isFinal) finals.push(result[0].transcript.trim());
    }
  };
  recognition.onerror = (event) => {
    // "no-speech" only means a quiet stretch; anything else (network, not-allowed, service-not-allowed) is a failure.
    if (event.error !== "no-speech") failed = true;
  };
  recognition.onend = () => {
    ended = true;
    onEnded();
  };
  try {
    recognition.start();
  } catch {
    return null;
  }
  return {
    finish: () =>
      new Promise((resolve) => {
        const done = () => {
          const text = finals.filter(Boolean).join(" ").trim();
          resolve(failed || text === "" ? null : text);
        };
        if (ended) return done();
        onEnded = done;
        // A recogniser that never reports its end still lets the page move on.
        setTimeout(done, 3000);
        try {
          recognition.stop();
        } catch {
          done();
        }
      }),
    cancel: () => {
      try {
        recognition.abort();
      } catch {
        // already stopped
      }
    },
  };
}
