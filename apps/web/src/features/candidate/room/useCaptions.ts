import { useEffect, useRef, useState } from 'react';
import { type Recognizer, speechRecognition } from '../media';

/**
 * Live captions from the browser's speech recognition while `listening`. Recognition ends on
 * its own after silence, so it is restarted until listening stops. `text` holds the final
 * words followed by the current guess.
 */
export function useCaptions(listening: boolean, lang = document.documentElement.lang || navigator.language || 'en-US') {
  const supported = speechRecognition() !== null;
  const [finalText, setFinalText] = useState('');
  const [interim, setInterim] = useState('');
  const [failed, setFailed] = useState<string | null>(null);
  const recognizer = useRef<Recognizer | null>(null);

  useEffect(() => {
    const Ctor = speechRecognition();
    if (!listening || !Ctor) return;
    let stopped = false;
    const r = new Ctor();
    r.lang = lang;
    r.continuous = true;
    r.interimResults = true;
    r.onresult = (event) => {
      let add = '';
      let guess = '';
      for (let i = event.resultIndex; i < event.results.length; i++) {
        const result = event.results[i];
        const words = result?.[0]?.transcript ?? '';
        if (result?.isFinal) add += words;
        else guess += words;
      }
      if (add) setFinalText((prev) => joinWords(prev, add));
      setInterim(guess.trim());
    };
    r.onerror = (event) => {
      // Silence ends a session and it restarts; anything else (blocked, no network, no service) ends captions.
      if (event.error === 'no-speech' || event.error === 'aborted') return;
      stopped = true;
      setFailed(
        event.error === 'not-allowed' || event.error === 'service-not-allowed'
          ? 'Live captions are blocked in this browser; your recording is still transcribed after upload.'
          : 'Live captions are unavailable right now; your recording is still transcribed after upload.',
      );
    };
    r.onend = () => {
      setInterim('');
      if (!stopped) {
        try {
          r.start();
        } catch {
          // already started
        }
      }
    };
    try {
      r.start();
    } catch {
      setFailed('Live captions could not start.');
    }
    recognizer.current = r;
    return () => {
      stopped = true;
      r.onend = null;
      r.stop();
      recognizer.current = null;
    };
  }, [listening, lang]);

  const reset = () => {
    setFinalText('');
    setInterim('');
  };
  return { supported, failed, text: joinWords(finalText, interim), finalText, reset };
}

const joinWords = (a: string, b: string) => [a.trim(), b.trim()].filter(Boolean).join(' ');
