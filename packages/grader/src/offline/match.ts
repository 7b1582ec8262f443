import { contentStems } from '../text/tokenize';
import type { AnalysedSegment } from './analyse';

/** Content words allowed between two consecutive words of a multi-word phrase. */
export const MAX_PHRASE_GAP = 3;

/** A phrase compiled to its content-word stems. */
export interface Phrase {
  readonly text: string;
  readonly stems: readonly string[];
}

export function compilePhrase(text: string): Phrase {
  return { text, stems: contentStems(text) };
}

/** Token index range [first, last] of an in-order match of `stems` in `seq`, gaps ≤ maxGap, or null. */
export function findSequence(stems: readonly string[], seq: readonly string[], maxGap = MAX_PHRASE_GAP): [number, number] | null {
  const first = stems[0];
  if (first === undefined) return null;
  for (let i = 0; i < seq.length; i++) {
    if (seq[i] !== first) continue;
    let pos = i;
    let ok = true;
    for (let k = 1; k < stems.length; k++) {
      let found = -1;
      for (let j = pos + 1; j <= Math.min(seq.length - 1, pos + 1 + maxGap); j++) {
        if (seq[j] === stems[k]) {
          found = j;
          break;
        }
      }
      if (found < 0) {
        ok = false;
        break;
      }
      pos = found;
    }
    if (ok) return [i, pos];
  }
  return null;
}

/**
 * How strongly a synonym phrase is present in one segment, 0–1: the stems in order with small
 * gaps = 1; all stems present in another order = 0.7; all but one stem of a 3+ word phrase = 0.45.
 */
export function phraseStrength(phrase: Phrase, segment: AnalysedSegment): number {
  const k = phrase.stems.length;
  if (k === 0) return 0;
  if (k === 1) return segment.stems.has(phrase.stems[0] as string) ? 1 : 0;
  const seq = segment.content.map((t) => t.stem);
  if (findSequence(phrase.stems, seq)) return 1;
  const distinct = new Set(phrase.stems);
  let present = 0;
  for (const s of distinct) if (segment.stems.has(s)) present++;
  if (present === distinct.size) return 0.7;
  if (distinct.size >= 3 && present >= distinct.size - 1) return 0.45;
  return 0;
}

/**
 * How much of a key point's own wording a segment (optionally joined with its neighbour) restates,
 * as the share of the point's distinct content stems present, mapped to 0–0.9.
 */
export function restatementStrength(pointStems: ReadonlySet<string>, stems: ReadonlySet<string>): number {
  if (pointStems.size === 0) return 0;
  let present = 0;
  for (const s of pointStems) if (stems.has(s)) present++;
  const share = present / pointStems.size;
  if (present < 2) return 0;
  if (share >= 0.75) return 0.9;
  if (share >= 0.6) return 0.6;
  if (share >= 0.45) return 0.3;
  return 0;
}
