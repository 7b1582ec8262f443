/** Small, dependency-free formatters shared by screens. */

/** A limit in seconds as people say it: "45 s", "5 min", "1 h 30 min". */
export function formatLimit(sec: number): string {
  if (sec < 60) return `${sec} s`;
  const min = Math.round(sec / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}

/** A countdown: "4:05", or "1:02:03" past an hour. Never negative. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A countdown read out in words, for screen readers: "4 minutes 5 seconds". */
export function clockInWords(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  const parts = [];
  if (m) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (s || !m) parts.push(`${s} second${s === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** Wall-clock time of day, e.g. "12:03:04". */
export const formatTimeOfDay = (date: Date | string) =>
  new Date(date).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** A date with time, e.g. "3 May 2025, 14:05". */
export const formatDateTime = (date: Date | string) =>
  new Date(date).toLocaleString(undefined, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A short date for chart axes, e.g. "3 May". */
export const formatShortDate = (date: Date | string) => new Date(date).toLocaleDateString(undefined, { day: 'numeric', month: 'short' });

/** A 0–100 total as the API gives it (one decimal at most): 43.7, 80. */
export const formatScore = (n: number) => String(Math.round(n * 10) / 10);
