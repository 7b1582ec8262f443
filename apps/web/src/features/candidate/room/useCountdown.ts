import { useEffect, useState } from 'react';

/** Milliseconds left until the server's deadline, on the server's clock (client clock + offset). Null without a deadline. */
export function remainingMs(deadlineAt: string | null, offsetMs: number, now = Date.now()) {
  return deadlineAt === null ? null : Date.parse(deadlineAt) - (now + offsetMs);
}

/** Re-renders once per displayed second (checked four times a second) with the time left. */
export function useCountdown(deadlineAt: string | null, offsetMs: number): number | null {
  const [left, setLeft] = useState(() => remainingMs(deadlineAt, offsetMs));
  useEffect(() => {
    const update = () => {
      const next = remainingMs(deadlineAt, offsetMs);
      setLeft((prev) => (prev !== null && next !== null && Math.ceil(prev / 1000) === Math.ceil(next / 1000) ? prev : next));
    };
    update();
    if (deadlineAt === null) return;
    const timer = setInterval(update, 250);
    return () => clearInterval(timer);
  }, [deadlineAt, offsetMs]);
  return left;
}
