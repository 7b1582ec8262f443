import type { CriterionGrade, Evidence, GradeFlag, RubricDefinition } from '@interview/contracts';
import { verifyEvidence } from '../evidence';
import type { InjectionFinding } from '../injection';
import type { GradeOutput } from './schema';

/**
 * Median of the samples' scores for one criterion. Null when most samples said null
 * (insufficient evidence); with an even count the lower middle value, to stay conservative.
 */
export function medianScore(scores: ReadonlyArray<number | null>): number | null {
  const present = scores.filter((s): s is number => s !== null).sort((a, b) => a - b);
  if (present.length === 0 || present.length * 2 < scores.length) return null;
  return present[Math.floor((present.length - 1) / 2)] ?? null;
}

export interface CombinedGrade {
  criteria: CriterionGrade[];
  strengths: string[];
  improvements: string[];
  keyPointsCovered: string[];
  keyPointsMissed: string[];
  flags: Set<GradeFlag>;
  /** Mean over criteria of (max − min) score across samples; 0 for a single sample. */
  spread: number;
}

function overlaps(e: Evidence, spans: readonly Evidence[]): boolean {
  return spans.some((s) => e.start < s.end && s.start < e.end);
}

/**
 * Turns one or more validated model outputs into criterion grades, all in our code: median score
 * per criterion, evidence re-verified against the answer (quotes taken from injected instructions
 * do not count), positive scores left without evidence marked for review, key points restricted
 * to the rubric's ids and decided by majority.
 */
export function combineSamples(
  rubric: RubricDefinition,
  answer: string,
  samples: readonly GradeOutput[],
  injection: InjectionFinding,
): CombinedGrade {
  const flags = new Set<GradeFlag>();
  const majority = (count: number) => count * 2 > samples.length;
  const known = new Set(rubric.criteria.flatMap((c) => c.keyPoints.map((k) => k.id)));
  const coveredVotes = new Map<string, number>();
  for (const s of samples) {
    for (const id of new Set(s.keyPointsCovered)) if (known.has(id)) coveredVotes.set(id, (coveredVotes.get(id) ?? 0) + 1);
  }
  const covered = new Set([...coveredVotes].filter(([, n]) => majority(n)).map(([id]) => id));

  let spreadSum = 0;
  const medians = new Map<string, number | null>();
  const criteria: CriterionGrade[] = rubric.criteria.map((c) => {
    const perSample = samples.map((s) => s.criteria.find((x) => x.key === c.key));
    const scores = perSample.map((x) => x?.score ?? null);
    const score = medianScore(scores);
    medians.set(c.key, score);
    const present = scores.filter((s): s is number => s !== null);
    spreadSum += present.length > 1 ? Math.max(...present) - Math.min(...present) : 0;
    // Reasoning and evidence come from a sample that gave the median score.
    const chosen = perSample.find((x) => (x?.score ?? null) === score) ?? perSample[0];
    const evidence = verifyEvidence(answer, chosen?.evidence ?? []).filter((e) => !overlaps(e, injection.spans));
    const needsReview = score !== null && score > 0 && evidence.length === 0;
    if (needsReview) flags.add('unverified_evidence');
    const ids = c.keyPoints.map((k) => k.id);
    return {
      key: c.key,
      score,
      reasoning: chosen?.reasoning ?? '',
      evidence,
      keyPointsCovered: ids.filter((id) => covered.has(id)),
      keyPointsMissed: ids.filter((id) => !covered.has(id)),
      needsReview,
    };
  });

  if (samples.some((s) => s.flags.promptInjection)) flags.add('prompt_injection');
  if (majority(samples.filter((s) => s.flags.offTopic).length)) flags.add('off_topic');
  if (majority(samples.filter((s) => s.flags.wrongLanguage).length)) flags.add('wrong_language');

  // Free-text feedback from the sample closest to the median scores.
  const distance = (s: GradeOutput) =>
    rubric.criteria.reduce((d, c) => {
      const m = medians.get(c.key) ?? null;
      const v = s.criteria.find((x) => x.key === c.key)?.score ?? null;
      return d + (m === null || v === null ? (m === v ? 0 : 2) : Math.abs(m - v));
    }, 0);
  const representative = [...samples].sort((a, b) => distance(a) - distance(b))[0];
  const allIds = [...known];
  return {
    criteria,
    strengths: representative?.strengths ?? [],
    improvements: representative?.improvements ?? [],
    keyPointsCovered: allIds.filter((id) => covered.has(id)),
    keyPointsMissed: allIds.filter((id) => !covered.has(id)),
    flags,
    spread: rubric.criteria.length ? spreadSum / rubric.criteria.length : 0,
  };
}
