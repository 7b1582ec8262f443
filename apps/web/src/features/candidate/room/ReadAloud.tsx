import { useEffect, useState } from 'react';

/** Reads the question out with the browser's speech synthesis; stops when the question changes. */
export function ReadAloud({ text }: { text: string }) {
  const [speaking, setSpeaking] = useState(false);
  const supported = typeof speechSynthesis !== 'undefined';

  useEffect(
    () => () => {
      if (supported) speechSynthesis.cancel();
    },
    [supported],
  );

  if (!supported) return null;
  const read = () => {
    speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = document.documentElement.lang || navigator.language || 'en-US';
    utterance.onend = () => setSpeaking(false);
    utterance.onerror = () => setSpeaking(false);
    setSpeaking(true);
    speechSynthesis.speak(utterance);
  };
  const stop = () => {
    speechSynthesis.cancel();
    setSpeaking(false);
  };
  return (
    <>
      <button type="button" onClick={read}>
        Read aloud
      </button>
      {speaking && (
        <button type="button" onClick={stop}>
          Stop reading
        </button>
      )}
    </>
  );
}
