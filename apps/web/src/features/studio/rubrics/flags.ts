import type { GradeFlag } from '@interview/contracts';

/** Grade flags in words. */
export const FLAG_LABELS: Record<GradeFlag, string> = {
  prompt_injection: 'Suspected prompt injection',
  off_topic: 'Off topic',
  wrong_language: 'Wrong language',
  keyword_stuffing: 'Keyword stuffing',
  empty_answer: 'Empty answer',
  red_flag: 'Red flag found',
  unverified_evidence: 'Unverified quotes dropped',
  needs_human_review: 'Needs human review',
};
