import { FOREIGN_FUNCTION_WORDS } from '../text/stopwords';
import { type Segment, segment, type Token, tokenize } from '../text/tokenize';

export interface AnalysedSegment extends Segment {
  readonly tokens: Token[];
  /** Content tokens (glue words dropped, negations kept), in order. */
  readonly content: Token[];
  readonly stems: ReadonlySet<string>;
  /**
   * How much a key point found here counts, 0–1: 1 for an explanatory sentence, less for
   * fragments, comma-separated term lists and noun piles.
   */
  readonly quality: number;
  /** True when an earlier segment had the same content; duplicates earn nothing. */
  readonly duplicate: boolean;
  /** True when the segment is mostly a frame repeated across the answer's sentences. */
  readonly framed: boolean;
}

export interface StyleReport {
  readonly words: number;
  readonly functionWordRatio: number;
  /** List separators (commas, semicolons, pipes, bullets, line breaks) per word. */
  readonly separatorDensity: number;
  /** Mean words per separator-delimited piece. */
  readonly wordsPerPiece: number;
  /** Share of (unique) words that sit in explanatory sentences. */
  readonly explanatoryShare: number;
  /** Share of words in segments that repeat an earlier one. */
  readonly duplicateShare: number;
  /** Distinct content stems over content tokens, after dedupe. */
  readonly contentVariety: number;
  /** A bare list of terms: flagged as keyword stuffing and capped. */
  readonly listLike: boolean;
  /** Text repeated or padded to look longer: flagged, and the repeats earn nothing. */
  readonly padded: boolean;
  readonly foreignLanguage: boolean;
}

const SEPARATORS = /[,;|•·\n]/g;

function segmentQuality(text: string, tokens: Token[]): number {
  const words = tokens.length;
  if (words === 0) return 0;
  const fn = tokens.filter((t) => t.isFunctionWord).length / words;
  const pieces = text.split(SEPARATORS).filter((p) => /[\p{L}\p{N}]/u.test(p)).length;
  const listy = pieces >= 4 && words / pieces < 3.5;
  if (words < 3) return 0.2;
  if (words < 5) return 0.6;
  if (fn < 0.1) return 0.3;
  if (listy) return fn >= 0.2 ? 0.7 : 0.4;
  return 1;
}

/** Trigrams (over all words) shared by at least this share of segments form a repeated frame. */
const FRAME_SHARE = 0.4;
const FRAME_MIN_SEGMENTS = 3;

/**
 * Segments whose wording is mostly a frame repeated across many sentences ("It is important to
 * consider X in this case.") carry only the slot-filler term, so they count like fragments.
 */
function framedSegments(tokensBySegment: readonly Token[][]): Set<number> {
  const n = tokensBySegment.length;
  const bySegment = tokensBySegment.map((tokens) => {
    const grams: string[] = [];
    for (let i = 0; i + 2 < tokens.length; i++) grams.push(`${tokens[i]?.word} ${tokens[i + 1]?.word} ${tokens[i + 2]?.word}`);
    return grams;
  });
  const df = new Map<string, number>();
  for (const grams of bySegment) for (const g of new Set(grams)) df.set(g, (df.get(g) ?? 0) + 1);
  const threshold = Math.max(FRAME_MIN_SEGMENTS, FRAME_SHARE * n);
  const framed = new Set<number>();
  bySegment.forEach((grams, si) => {
    const len = tokensBySegment[si]?.length ?? 0;
    const covered = new Set<number>();
    grams.forEach((g, i) => {
      if ((df.get(g) ?? 0) >= threshold) for (let k = i; k < i + 3; k++) covered.add(k);
    });
    if (covered.size >= 4 && len - covered.size < 6) framed.add(si);
  });
  return framed;
}

export function analyseSegments(text: string): AnalysedSegment[] {
  const seen = new Set<string>();
  const raw = segment(text).map((s) => {
    const tokens = tokenize(s.text).map((t) => ({ ...t, start: t.start + s.start, end: t.end + s.start }));
    const content = tokens.filter((t) => !t.isStopword);
    const key = content.map((t) => t.stem).join(' ');
    const duplicate = key.length > 0 && seen.has(key);
    if (key) seen.add(key);
    return { s, tokens, content, duplicate };
  });
  const framed = framedSegments(raw.filter((r) => !r.duplicate).map((r) => r.tokens));
  let uniqueIndex = 0;
  return raw.map(({ s, tokens, content, duplicate }) => {
    const isFramed = !duplicate && framed.has(uniqueIndex);
    if (!duplicate) uniqueIndex++;
    const base = segmentQuality(s.text, tokens);
    return {
      ...s,
      tokens,
      content,
      stems: new Set(content.map((t) => t.stem)),
      quality: isFramed ? Math.min(base, 0.3) : base,
      duplicate,
      framed: isFramed,
    };
  });
}

export function analyseStyle(text: string, segments: readonly AnalysedSegment[]): StyleReport {
  const tokens = segments.flatMap((s) => s.tokens);
  const words = tokens.length;
  if (words === 0) {
    return {
      words: 0,
      functionWordRatio: 0,
      separatorDensity: 0,
      wordsPerPiece: 0,
      explanatoryShare: 0,
      duplicateShare: 0,
      contentVariety: 0,
      listLike: false,
      padded: false,
      foreignLanguage: false,
    };
  }
  const functionWordRatio = tokens.filter((t) => t.isFunctionWord).length / words;
  const foreignRatio = tokens.filter((t) => FOREIGN_FUNCTION_WORDS.has(t.word)).length / words;
  const separatorDensity = (text.match(SEPARATORS) ?? []).length / words;
  const pieces = text.split(SEPARATORS).filter((p) => /[\p{L}\p{N}]/u.test(p)).length;
  const wordsPerPiece = words / Math.max(1, pieces);
  const unique = segments.filter((s) => !s.duplicate);
  const uniqueWords = unique.reduce((n, s) => n + s.tokens.length, 0);
  const explanatoryShare =
    uniqueWords === 0 ? 0 : unique.filter((s) => s.quality >= 1).reduce((n, s) => n + s.tokens.length, 0) / uniqueWords;
  const duplicateShare = (words - uniqueWords) / words;
  const content = unique.flatMap((s) => s.content);
  const contentVariety = content.length === 0 ? 0 : new Set(content.map((t) => t.stem)).size / content.length;
  const sentenceEnds = (text.match(/[.!?](?=\s|$)/g) ?? []).length;
  const foreignLanguage = words >= 12 && foreignRatio >= 0.12 && foreignRatio > functionWordRatio * 0.6;
  const listLike =
    !foreignLanguage &&
    words >= 8 &&
    (separatorDensity >= 0.25 ||
      wordsPerPiece < 4 ||
      explanatoryShare < 0.4 ||
      (words >= 20 && functionWordRatio < 0.22) ||
      (words >= 25 && sentenceEnds === 0 && functionWordRatio < 0.3));
  const framedShare = unique.length === 0 ? 0 : unique.filter((s) => s.framed).length / unique.length;
  const padded = words >= 20 && (duplicateShare >= 0.25 || framedShare >= 0.4 || (content.length >= 30 && contentVariety < 0.3));
  return {
    words,
    functionWordRatio,
    separatorDensity,
    wordsPerPiece,
    explanatoryShare,
    duplicateShare,
    contentVariety,
    listLike,
    padded,
    foreignLanguage,
  };
}
