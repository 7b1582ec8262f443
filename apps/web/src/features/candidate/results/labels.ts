import type { QuestionGrade } from '../types';

/** "check-node-conditions" → "Check node conditions": a readable stand-in when a text is missing. */
export const humanise = (id: string) => {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

export const keyPointText = (grade: QuestionGrade, id: string) => grade.keyPointTexts?.[id] ?? humanise(id);

/** Flags in words a candidate understands. */
export const FLAG_LABEL: Record<QuestionGrade['flags'][number], string> = {
  prompt_injection: 'Instructions to the grader inside the answer were ignored',
  off_topic: 'Looks off-topic',
  wrong_language: 'Not in the expected language',
  keyword_stuffing: 'Lists terms without explaining them',
  empty_answer: 'No answer given',
  red_flag: 'Contains a misconception',
  unverified_evidence: 'Some evidence could not be verified',
  needs_human_review: 'A reviewer will check this grade',
};
