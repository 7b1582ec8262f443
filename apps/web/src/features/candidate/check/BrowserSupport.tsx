import { useState } from 'react';
import { detectSupport, type BrowserSupport as Support } from '../media';

const ROWS: { key: keyof Support; label: string; why: string; spokenOnly?: boolean }[] = [
  {
    key: 'webSocket',
    label: 'Live connection (WebSocket)',
    why: 'autosave and the next question; without it the page falls back to slower requests',
  },
  { key: 'microphone', label: 'Microphone access', why: 'spoken answers', spokenOnly: true },
  { key: 'mediaRecorder', label: 'Audio recording (MediaRecorder)', why: 'spoken answers', spokenOnly: true },
  { key: 'speechRecognition', label: 'Live captions (speech recognition)', why: 'captions while you speak; optional', spokenOnly: true },
  { key: 'speechSynthesis', label: 'Read aloud (speech synthesis)', why: 'hearing questions read out; optional' },
];

/** What this browser supports, as a checklist (the status is in words, not only a colour or symbol). */
export function BrowserSupport({ spokenAllowed }: { spokenAllowed: boolean }) {
  const [support] = useState(detectSupport);
  return (
    <ul className="checklist plain-list">
      {ROWS.filter((r) => spokenAllowed || !r.spokenOnly).map((r) => (
        <li key={r.key} className={support[r.key] ? 'ok' : 'missing'}>
          <span aria-hidden="true" className="check-icon">
            {support[r.key] ? '✓' : '✗'}
          </span>
          <span>
            <strong>{r.label}:</strong> {support[r.key] ? 'supported' : 'not available'}
            <span className="muted"> — for {r.why}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
