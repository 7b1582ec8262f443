import { useEffect, useRef, useState } from 'react';
import { clockInWords, formatClock } from '../../../ui/format';

const WARN_MS = 60_000;

/**
 * The question's countdown. Shows the server deadline (never a client-side limit); announces
 * "1 minute left" and "Time is up" once each through a live region; the warning is in words
 * as well as colour.
 */
export function Countdown({ left, itemId, label }: { left: number | null; itemId: string; label: string }) {
  const [announcement, setAnnouncement] = useState('');
  const announced = useRef({ itemId, warned: false, done: false });

  useEffect(() => {
    if (announced.current.itemId !== itemId) {
      announced.current = { itemId, warned: false, done: false };
      setAnnouncement('');
    }
    if (left === null) return;
    const a = announced.current;
    if (left <= 0 && !a.done) {
      a.done = true;
      setAnnouncement('Time is up. Your last saved draft was submitted.');
    } else if (left <= WARN_MS && left > 0 && !a.warned) {
      a.warned = true;
      // Joining with less than a minute left still warns, with the exact time.
      setAnnouncement(left > WARN_MS - 5000 ? '1 minute left for this question.' : `${clockInWords(left)} left for this question.`);
    }
  }, [left, itemId]);

  const warn = left !== null && left <= WARN_MS;
  return (
    <div className={warn ? 'countdown countdown-warn' : 'countdown'}>
      <span className="countdown-label">{label}</span>{' '}
      <span role="timer" aria-label={`${label} ${left === null ? 'unknown' : clockInWords(left)}`} className="countdown-clock">
        {left === null ? '–:––' : formatClock(left)}
      </span>
      {warn && left > 0 && <span className="countdown-note"> · final minute</span>}
      <p className="sr-only" aria-live="assertive" aria-atomic="true">
        {announcement}
      </p>
    </div>
  );
}
