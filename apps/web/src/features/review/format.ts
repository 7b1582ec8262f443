import type { DecisionKind, GradeFlag, InterviewStatus } from './types';

export const DECISIONS: { value: DecisionKind; label: string }[] = [
  { value: 'strong_no', label: 'Strong No' },
  { value: 'no', label: 'No' },
  { value: 'mixed', label: 'Mixed' },
  { value: 'yes', label: 'Yes' },
  { value: 'strong_yes', label: 'Strong Yes' },
];

export const decisionLabel = (d: DecisionKind | null | undefined) => DECISIONS.find((x) => x.value === d)?.label ?? '—';

export const STATUSES: { value: InterviewStatus; label: string }[] = [
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'in_progress', label: 'In progress' },
  { value: 'completed', label: 'Completed' },
  { value: 'expired', label: 'Expired' },
  { value: 'cancelled', label: 'Cancelled' },
];

export const statusLabel = (s: InterviewStatus) => STATUSES.find((x) => x.value === s)?.label ?? s;

/** Only a finished interview's results can be released to its candidate. */
export const isFinished = (s: InterviewStatus) => s === 'completed' || s === 'expired';

export const modeLabel = (m: 'practice' | 'assessment') => (m === 'practice' ? 'Practice' : 'Assessment');

/** Flags in words, with how loudly to show them: danger for integrity problems, warn for a human look. */
export const FLAGS: Record<GradeFlag, { label: string; tone: 'danger' | 'warn' }> = {
  prompt_injection: { label: 'Possible prompt injection', tone: 'danger' },
  red_flag: { label: 'Red flag (misconception)', tone: 'danger' },
  needs_human_review: { label: 'Needs human review', tone: 'warn' },
  unverified_evidence: { label: 'Unverified evidence', tone: 'warn' },
  keyword_stuffing: { label: 'Keyword stuffing', tone: 'warn' },
  off_topic: { label: 'Off topic', tone: 'warn' },
  wrong_language: { label: 'Wrong language', tone: 'warn' },
  empty_answer: { label: 'Empty answer', tone: 'warn' },
};

export const flagLabel = (f: GradeFlag) => FLAGS[f]?.label ?? f;

/** A 0–100 total with one decimal, or a dash while it is not known. */
export const formatTotal = (t: number | null | undefined) => (t === null || t === undefined ? '—' : t.toFixed(1));

export const formatPercent = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
export const formatDate = (iso: string | null | undefined) => (iso ? dateTime.format(new Date(iso)) : '—');
/** The day only, for dense tables; pair it with the full time in a title. */
export const formatDay = (iso: string | null | undefined) => (iso ? dateOnly.format(new Date(iso)) : '—');

export const formatCost = (usd: number | null) => (usd === null ? '—' : `$${usd < 0.01 ? usd.toFixed(5) : usd.toFixed(4)}`);

export const formatNumber = (n: number | null) => (n === null ? '—' : n.toLocaleString());
