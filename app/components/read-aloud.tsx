import { useCallback, useEffect, useState } from "react";

/**
 * "Read the question aloud" with the browser's speech synthesis. A voice
 * that runs on this machine (`localService`) is preferred, so the question
 * does not leave it; without speech synthesis the button is not shown.
 */
export function ReadAloud({ text, label = "Read the question aloud" }: { text: string; label?: string }) {
  const [supported, setSupported] = useState(false);
  const [speaking, setSpeaking] = useState(false);
  useEffect(() => {
    setSupported(typeof window.speechSynthesis !== "undefined" && typeof window.SpeechSynthesisUtterance === "function");
    // Leaving the page stops the voice.
    return () => window.speechSynthesis?.cancel();
  }, []);

  const toggle = useCallback(() => {
    const synth = window.speechSynthesis;
    synth.cancel();
    if (speaking) {
      setSpeaking(false);
      return;
    }
    const utterance = new SpeechSynthesisUtterance(text);
    const lang = document.documentElement.lang || "en";
    utterance.lang = lang;
    const voices = synth.getVoices().filter((v) => v.lang.toLowerCase().startsWith(lang.slice(0, 2).toLowerCase()));
    const local = voices.find((v) => v.localService && v.default) ?? voices.find((v) => v.localService);
    if (local) utterance.voice = local;
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    synth.speak(utterance);
    setSpeaking(true);
  }, [speaking, text]);

  if (!supported) return null;
  return (
    <button type="button" className="secondary read-aloud" onClick={toggle}>
      {speaking ? "Stop reading" : label}
    </button>
  );
}
