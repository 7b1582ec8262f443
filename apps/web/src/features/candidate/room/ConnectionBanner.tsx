import { useEffect, useRef, useState } from 'react';
import type { Connection } from './useRoomSocket';

/** Tells the candidate when the live connection drops and comes back; the room keeps working over REST meanwhile. */
export function ConnectionBanner({ connection, attempt, onRetry }: { connection: Connection; attempt: number; onRetry: () => void }) {
  const [back, setBack] = useState(false);
  const wasDown = useRef(false);
  useEffect(() => {
    if (connection === 'reconnecting' || connection === 'closed') wasDown.current = true;
    if (connection === 'open' && wasDown.current) {
      wasDown.current = false;
      setBack(true);
      const timer = setTimeout(() => setBack(false), 4000);
      return () => clearTimeout(timer);
    }
  }, [connection]);

  const down = connection === 'reconnecting' || connection === 'closed';
  return (
    <div className={down ? 'banner notice banner-down' : back ? 'banner notice' : 'banner'}>
      <p role="status" aria-live="polite">
        {connection === 'reconnecting' &&
          `Connection lost — reconnecting${attempt > 1 ? ` (attempt ${attempt})` : ''}… Your answer stays on this device and is saved as soon as the connection is back; the clock keeps running on the server.`}
        {connection === 'closed' &&
          'The live connection is unavailable. This page still saves your answer and checks for updates every few seconds.'}
        {connection === 'open' && back && 'Reconnected. You are back where you were.'}
      </p>
      {down && (
        <button type="button" className="link" onClick={onRetry}>
          Reconnect now
        </button>
      )}
    </div>
  );
}
