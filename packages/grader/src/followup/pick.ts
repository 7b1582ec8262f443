import type { Criterion, KeyPoint } from '@interview/contracts';
import { gradeOffline } from '../offline/grade';
import type { GradeInput } from '../types';

export interface MissedPoint {
  criterion: Criterion;
  keyPoint: KeyPoint;
}

/**
 * The most important key point the answer so far has not covered, skipping those already asked
 * about. Uses the offline grader's coverage: deterministic and instant, so the interview never
 * waits on a model to decide whether to follow up.
 */
export function pickMissedKeyPoint(input: GradeInput, alreadyAsked: readonly string[]): MissedPoint | null {
  const missed = new Set(gradeOffline(input).keyPointsMissed);
  const criteria = [...input.rubric.criteria].sort((a, b) => b.weight - a.weight);
  for (const criterion of criteria) {
    for (const keyPoint of criterion.keyPoints) {
      if (missed.has(keyPoint.id) && !alreadyAsked.includes(keyPoint.id)) return { criterion, keyPoint };
    }
  }
  return null;
}

/**
 * A follow-up built from the rubric alone (no model): it names the area and a term, the way an
 * interviewer nudges, without reading out the expected answer.
 */
export function rubricFollowup(missed: MissedPoint): string {
  const term = missed.keyPoint.synonyms[0] ?? missed.keyPoint.id.replaceAll('-', ' ');
  return `Let's go a little deeper on ${missed.criterion.title.toLowerCase()}: what can you tell me about ${term}, and how does it apply here?`;
}
