import type { Criterion, CriterionGrade, Evidence, GradeFlag, GradeResult, KeyPoint } from '@interview/contracts';
import { verifyEvidence } from '../evidence';
import { blankSpans, detectInjection } from '../injection';
import { REFUTATION_WORDS } from '../text/stopwords';
import { contentStems, tokenize } from '../text/tokenize';
import { weightedTotal } from '../total';
import type { GradeInput, Grader } from '../types';
import { type AnalysedSegment, analyseSegments, analyseStyle, type StyleReport } from './analyse';
import { compilePhrase, findSequence, phraseStrength, restatementStrength } from './match';

/** Bump when the offline scoring rules change, so stored grades say which rules produced them. */
export const OFFLINE_PROMPT_VERSION = 'offline-v1';

/** A key point counts as covered at or above this strength. */
const COVERED = 0.5;
/** The most a criterion can score when the answer is a bare list of terms. */
const STUFFING_CAP = 1;
const MAX_EVIDENCE_PER_CRITERION = 3;

interface KeyPointHit {
  readonly keyPoint: KeyPoint;
  readonly strength: number;
  readonly segments: AnalysedSegment[];
}

interface CriterionAnalysis {
  readonly criterion: Criterion;
  readonly hits: KeyPointHit[];
  readonly coverage: number;
  readonly redFlags: Criterion['redFlags'];
  score: number;
}

/** Lowest key-point coverage (mean strength, 0–1) that earns each score from 1 to 4. */
export const COVERAGE_THRESHOLDS = { 4: 0.8, 3: 0.6, 2: 0.35, 1: 0.12 } as const;

/** Coverage (mean key-point strength, 0–1) to a 0–4 score. */
export function coverageToScore(coverage: number): number {
  if (coverage >= COVERAGE_THRESHOLDS[4]) return 4;
  if (coverage >= COVERAGE_THRESHOLDS[3]) return 3;
  if (coverage >= COVERAGE_THRESHOLDS[2]) return 2;
  if (coverage >= COVERAGE_THRESHOLDS[1]) return 1;
  return 0;
}

function matchKeyPoint(kp: KeyPoint, segments: readonly AnalysedSegment[]): KeyPointHit {
  const phrases = kp.synonyms.map(compilePhrase);
  const pointStems = new Set(contentStems(kp.point));
  const scored = segments.map((seg, i) => {
    let raw = 0;
    for (const p of phrases) raw = Math.max(raw, phraseStrength(p, seg));
    raw = Math.max(raw, restatementStrength(pointStems, seg.stems));
    const next = segments[i + 1];
    if (next && raw < 0.9) {
      const joined = new Set([...seg.stems, ...next.stems]);
      raw = Math.max(raw, 0.85 * restatementStrength(pointStems, joined));
    }
    return { seg, strength: raw * seg.quality };
  });
  const best = scored.reduce((m, s) => Math.max(m, s.strength), 0);
  const evidence = scored
    .filter((s) => s.strength >= 0.4 && s.strength >= 0.75 * best)
    .sort((a, b) => b.strength - a.strength)
    .slice(0, 2)
    .map((s) => s.seg);
  return { keyPoint: kp, strength: best, segments: evidence };
}

/** Red-flag phrases asserted (not refuted or negated) in some segment. */
function matchRedFlags(criterion: Criterion, segments: readonly AnalysedSegment[]): Criterion['redFlags'] {
  return criterion.redFlags.filter((rf) =>
    rf.phrases.some((text) => {
      const phrase = compilePhrase(text);
      if (phrase.stems.length === 0) return false;
      const phraseNegated = tokenize(text).some((t) => t.isNegation);
      return segments.some((seg) => {
        const seq = seg.content.map((t) => t.stem);
        const at = findSequence(phrase.stems, seq, 1);
        if (!at) return false;
        if (seg.tokens.some((t) => REFUTATION_WORDS.has(t.word))) return false;
        if (phraseNegated) return true;
        const from = seg.content[Math.max(0, at[0] - 4)]?.start ?? seg.start;
        const to = seg.content[at[1]]?.end ?? seg.end;
        return !seg.tokens.some((t) => t.isNegation && t.start >= from && t.end <= to);
      });
    }),
  );
}

function questionVocabulary(input: GradeInput): Set<string> {
  const parts: string[] = [input.question.title, input.question.prompt, input.question.referenceAnswer];
  for (const c of input.rubric.criteria) {
    parts.push(c.title, c.assesses, ...Object.values(c.levels));
    for (const kp of c.keyPoints) parts.push(kp.point, ...kp.synonyms);
    for (const rf of c.redFlags) parts.push(rf.text, ...rf.phrases);
  }
  return new Set(contentStems(parts.join('\n')));
}

/** Share of the answer's distinct content stems that the question and rubric also use. */
function topicOverlap(segments: readonly AnalysedSegment[], vocabulary: ReadonlySet<string>): { overlap: number; size: number } {
  const stems = new Set<string>();
  for (const s of segments)
    for (const t of s.content) if (!t.isFunctionWord && t.word.length > 2 && !/^\d+$/.test(t.word)) stems.add(t.stem);
  let shared = 0;
  for (const s of stems) if (vocabulary.has(s)) shared++;
  return { overlap: stems.size === 0 ? 0 : shared / stems.size, size: stems.size };
}

function evidenceFor(answer: string, text: string, segments: readonly AnalysedSegment[]): Evidence[] {
  const ordered = [...new Set(segments)].sort((a, b) => a.start - b.start).slice(0, MAX_EVIDENCE_PER_CRITERION);
  // Blanked-out injection text leaves whitespace runs; quote only the surviving pieces.
  const quotes = ordered.flatMap((s) =>
    text
      .slice(s.start, s.end)
      .split(/\s{4,}/)
      .filter((p) => p.trim()),
  );
  return verifyEvidence(answer, quotes);
}

function lowerFirst(s: string): string {
  return /^[A-Z][a-z]/.test(s) ? s.charAt(0).toLowerCase() + s.slice(1) : s;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function reasoningFor(a: CriterionAnalysis, style: StyleReport, capped: boolean): string {
  const covered = a.hits.filter((h) => h.strength >= COVERED).map((h) => h.keyPoint.id);
  const missed = a.hits.filter((h) => h.strength < COVERED).map((h) => h.keyPoint.id);
  const parts = [
    `Key-point coverage ${Math.round(a.coverage * 100)}% (${covered.length}/${a.hits.length} covered${covered.length ? `: ${covered.join(', ')}` : ''}${missed.length ? `; missing: ${missed.join(', ')}` : ''}).`,
  ];
  if (a.redFlags.length) parts.push(`Misconception stated: ${a.redFlags.map((r) => r.id).join(', ')}; score lowered.`);
  if (capped && style.listLike) parts.push(`Terms appear as a bare list without explanation; capped at ${STUFFING_CAP}.`);
  return parts.join(' ');
}

function zeroCriteria(input: GradeInput, reasoning: string): CriterionGrade[] {
  return input.rubric.criteria.map((c) => ({
    key: c.key,
    score: 0,
    reasoning,
    evidence: [],
    keyPointsCovered: [],
    keyPointsMissed: c.keyPoints.map((k) => k.id),
    needsReview: false,
  }));
}

function allKeyPointIds(input: GradeInput): string[] {
  return input.rubric.criteria.flatMap((c) => c.keyPoints.map((k) => k.id));
}

/**
 * Deterministic grader with no model: key-point coverage per criterion by stemmed phrase
 * matching, with resistance to keyword stuffing, repetition and grader-directed instructions.
 * Serves as the fallback estimate when the LLM grader is unavailable.
 */
export function gradeOffline(input: GradeInput): GradeResult {
  const started = performance.now();
  const { answer, rubric } = input;
  const flags = new Set<GradeFlag>();
  const base = {
    grader: 'offline' as const,
    model: null,
    promptVersion: OFFLINE_PROMPT_VERSION,
    usage: null,
    costUsd: null,
  };
  const finish = (r: Omit<GradeResult, keyof typeof base | 'latencyMs' | 'flags'>): GradeResult => ({
    ...base,
    ...r,
    flags: [...flags],
    latencyMs: Math.round(performance.now() - started),
  });
  const everyKeyPoint = allKeyPointIds(input);

  if (tokenize(answer).length === 0) {
    flags.add('empty_answer');
    return finish({
      total: 0,
      confidence: 0.95,
      criteria: zeroCriteria(input, 'No answer was given.'),
      strengths: [],
      improvements: ['Give an answer: explain the mechanism, the likely causes and the steps you would take.'],
      keyPointsCovered: [],
      keyPointsMissed: everyKeyPoint,
    });
  }

  const injection = detectInjection(answer);
  if (injection.detected) flags.add('prompt_injection');
  const text = injection.detected ? blankSpans(answer, injection.spans) : answer;
  const segments = analyseSegments(text);
  const unique = segments.filter((s) => !s.duplicate && s.tokens.length > 0);
  const style = analyseStyle(text, segments);
  if (style.listLike || style.padded) flags.add('keyword_stuffing');
  if (style.foreignLanguage) flags.add('wrong_language');

  const analyses: CriterionAnalysis[] = rubric.criteria.map((criterion) => {
    const hits = criterion.keyPoints.map((kp) => matchKeyPoint(kp, unique));
    const coverage = hits.reduce((n, h) => n + h.strength, 0) / hits.length;
    const redFlags = matchRedFlags(criterion, unique);
    return { criterion, hits, coverage, redFlags, score: coverageToScore(coverage) };
  });

  const { overlap, size } = topicOverlap(unique, questionVocabulary(input));
  const anyHit = analyses.some((a) => a.hits.some((h) => h.strength >= 0.3));
  const offTopic = unique.length > 0 && size >= 3 && (overlap < 0.2 || (!anyHit && overlap < 0.35));

  if (offTopic || unique.length === 0) {
    // A foreign-language answer shares no vocabulary with an English rubric; that is its flag.
    if (offTopic && !style.foreignLanguage) flags.add('off_topic');
    return finish({
      total: 0,
      confidence: offTopic ? 0.85 : 0.6,
      criteria: zeroCriteria(input, offTopic ? 'The answer does not address the question.' : 'Nothing gradable remains.'),
      strengths: [],
      improvements: ['Answer the question that was asked; the response does not address its topic.'],
      keyPointsCovered: [],
      keyPointsMissed: everyKeyPoint,
    });
  }

  for (const a of analyses) {
    if (a.redFlags.length) {
      flags.add('red_flag');
      a.score = Math.max(0, a.score - a.redFlags.length);
    }
    if (style.listLike) a.score = Math.min(a.score, STUFFING_CAP);
  }

  const criteria: CriterionGrade[] = analyses.map((a) => {
    const covered = a.hits.filter((h) => h.strength >= COVERED && !style.listLike);
    return {
      key: a.criterion.key,
      score: a.score,
      reasoning: reasoningFor(a, style, style.listLike),
      evidence: evidenceFor(
        answer,
        text,
        a.hits.filter((h) => h.strength >= 0.3).flatMap((h) => h.segments),
      ),
      keyPointsCovered: covered.map((h) => h.keyPoint.id),
      keyPointsMissed: a.hits.filter((h) => !covered.includes(h)).map((h) => h.keyPoint.id),
      needsReview: false,
    };
  });

  const strengths: string[] = [];
  const improvements: string[] = [];
  const byWeight = [...analyses].sort((x, y) => y.criterion.weight - x.criterion.weight);
  for (const a of byWeight) {
    const best = [...a.hits].sort((x, y) => y.strength - x.strength)[0];
    if (a.score >= 3 && best) strengths.push(`${a.criterion.title}: ${best.keyPoint.point}`);
  }
  if (style.listLike)
    improvements.push('Explain each idea in full sentences (what happens, why, and what you would do) instead of listing terms.');
  if (injection.detected) improvements.push('Answer the question only; text addressed to the grader is ignored and flagged.');
  for (const a of byWeight) {
    for (const rf of a.redFlags) improvements.push(`Correct a misconception (${a.criterion.title}): the answer ${lowerFirst(rf.text)}`);
  }
  for (const a of byWeight) {
    for (const h of a.hits) {
      if (h.strength < COVERED || style.listLike) improvements.push(`Cover this point (${a.criterion.title}): ${h.keyPoint.point}`);
    }
  }

  const decisiveness = analyses.reduce((n, a) => n + Math.abs(2 * Math.min(1, a.coverage) - 1), 0) / analyses.length;
  let confidence = 0.4 + 0.45 * decisiveness;
  if (style.listLike || injection.detected || style.foreignLanguage) confidence -= 0.1;

  const keyPointsCovered = criteria.flatMap((c) => c.keyPointsCovered);
  return finish({
    total: weightedTotal(rubric, criteria),
    confidence: round2(clamp(confidence, 0.2, 0.85)),
    criteria,
    strengths,
    improvements,
    keyPointsCovered,
    keyPointsMissed: everyKeyPoint.filter((id) => !keyPointsCovered.includes(id)),
  });
}

/** The offline grader behind the common `Grader` interface. */
export const offlineGrader: Grader = {
  kind: 'offline',
  promptVersion: OFFLINE_PROMPT_VERSION,
  grade: async (input) => gradeOffline(input),
};
