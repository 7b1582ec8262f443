import type { AgreementStats } from '../types';

/** Plain words for a quadratic weighted kappa, on the usual Landis & Koch bands. */
export function kappaWords(qwk: number | null): string {
  if (qwk === null) return 'not enough variety in the scores to say';
  if (qwk >= 0.8) return 'almost perfect agreement';
  if (qwk >= 0.6) return 'substantial agreement';
  if (qwk >= 0.4) return 'moderate agreement';
  if (qwk >= 0.2) return 'fair agreement';
  if (qwk > 0) return 'slight agreement';
  return 'no agreement beyond chance';
}

/** One sentence a hiring manager can act on. */
export function summarise(s: AgreementStats): string {
  if (s.n === 0) return 'No reviewed scores yet.';
  const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
  return `Reviewers kept the AI's score on ${pct(s.exactRate)} of ${s.n} criterion scores and were within one point on ${pct(
    s.withinOneRate,
  )}; ${s.overridden} ${s.overridden === 1 ? 'was' : 'were'} overridden. Kappa: ${kappaWords(s.qwk)}.`;
}

/** Fewer pairs than this make every rate shaky. */
export const SMALL_SAMPLE = 20;
