import { useMicLevel } from './useMicLevel';

const MESSAGES = {
  denied:
    'Microphone access was denied. Typed answers still work; to answer by speaking, allow the microphone in your browser’s site settings and test again.',
  unavailable: 'No microphone was found (or this browser cannot use one). Typed answers still work.',
  error: 'The microphone could not be started. Typed answers still work; check that no other app is using it and test again.',
} as const;

/** Microphone test with a live level meter. A refusal never blocks the interview. */
export function MicTest({ spokenAllowed }: { spokenAllowed: boolean }) {
  const mic = useMicLevel();
  const live = mic.state === 'live';
  return (
    <div className="stack">
      <p>
        {spokenAllowed
          ? 'This interview accepts spoken answers. Test your microphone: speak and watch the level move.'
          : 'This interview is typed only; a microphone test is optional.'}
      </p>
      <div className="row">
        {live ? (
          <button type="button" onClick={mic.stop}>
            Stop microphone test
          </button>
        ) : (
          <button type="button" onClick={() => void mic.start()} disabled={mic.state === 'requesting'}>
            {mic.state === 'requesting' ? 'Waiting for permission…' : 'Test microphone'}
          </button>
        )}
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a styled level bar; a native <meter> renders differently in every browser */}
      <div
        className="meter"
        role="meter"
        aria-label="Microphone level"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={mic.level}
        aria-valuetext={live ? `${mic.level} percent` : 'Microphone off'}
      >
        <div className="meter-fill" style={{ width: `${mic.level}%` }} />
      </div>
      <p aria-live="polite" className={mic.state in MESSAGES ? 'alert' : 'muted'}>
        {mic.state in MESSAGES
          ? MESSAGES[mic.state as keyof typeof MESSAGES]
          : live
            ? mic.peak > 10
              ? 'We can hear you. Your microphone works.'
              : 'Listening… say something.'
            : ''}
      </p>
    </div>
  );
}
