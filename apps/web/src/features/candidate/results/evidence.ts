import type { QuestionResult } from '../types';

/** One piece of text the candidate wrote: the main answer or a follow-up's answer. */
export interface Passage {
  /** 'main' or the follow-up's item id. */
  id: string;
  text: string;
  /** Where this text starts in the graded text. */
  offset: number;
}

/** One verified quote, as a range in the graded text. */
export interface Quote {
  /** Anchor id of the quote, for links from its criterion. */
  anchor: string;
  criterion: number;
  start: number;
  end: number;
}

/**
 * The text the grader scored, rebuilt the way the server builds it: the main answer, then each
 * follow-up as "Follow-up question: …" and its answer. Evidence offsets point into this text.
 */
export function gradedText(q: QuestionResult): { text: string; passages: Passage[] } {
  let text = q.answerText ?? '';
  const passages: Passage[] = [{ id: 'main', text, offset: 0 }];
  for (const f of q.followups ?? []) {
    const answer = f.answerText?.trim() || '(no answer)';
    text += `\n\nFollow-up question: ${f.prompt}\nAnswer: `;
    passages.push({ id: f.itemId, text: answer, offset: text.length });
    text += answer;
  }
  return { text, passages };
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a quote sits in the text: its offsets when they match the quote (whitespace and case
 * aside), else the first place the quote's words appear in order. Null when it is not there.
 */
export function locate(text: string, quote: string, start: number, end: number): [number, number] | null {
  if (start < end && end <= text.length && normalise(text.slice(start, end)) === normalise(quote)) return [start, end];
  const words = quote.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const match = new RegExp(words.map(escapeRegExp).join('\\s+'), 'i').exec(text);
  return match ? [match.index, match.index + match[0].length] : null;
}

/**
 * Where each quote's anchor goes: the first passage of the candidate's own words it overlaps.
 * A quote that lies wholly in a follow-up's prompt (not the candidate's words) gets none.
 */
export function anchorHomes(passages: readonly Passage[], quotes: readonly Quote[]): Map<string, string> {
  const homes = new Map<string, string>();
  for (const q of quotes) {
    const home = passages.find((p) => p.text && q.end > p.offset && q.start < p.offset + p.text.length);
    if (home) homes.set(q.anchor, home.id);
  }
  return homes;
}

/** Every verified evidence quote of a question's grade, criterion by criterion. */
export function quotesOf(q: QuestionResult, text: string): Quote[] {
  const quotes: Quote[] = [];
  q.grade?.criteria.forEach((c, ci) => {
    c.evidence.forEach((e, ei) => {
      const range = locate(text, e.quote, e.start, e.end);
      if (range) quotes.push({ anchor: evidenceAnchor(q.itemId, ci, ei), criterion: ci, start: range[0], end: range[1] });
    });
  });
  return quotes;
}

export const evidenceAnchor = (itemId: string, criterion: number, evidence: number) => `ev-${itemId}-${criterion}-${evidence}`;
export const criterionAnchor = (itemId: string, key: string) => `crit-${itemId}-${key}`;

/** A run of a passage's text and the criteria whose evidence covers it (none: plain text). */
export interface Segment {
  text: string;
  criteria: number[];
  /** Anchors of the quotes that start here. */
  anchors: string[];
}

/** Cuts a passage into runs at every quote boundary, so overlapping quotes of several criteria still show. */
export function segmentsOf(passage: Passage, quotes: readonly Quote[], homes?: ReadonlyMap<string, string>): Segment[] {
  const end = passage.offset + passage.text.length;
  const local = quotes
    .filter((q) => q.end > passage.offset && q.start < end)
    .map((q) => ({ ...q, start: Math.max(q.start, passage.offset) - passage.offset, end: Math.min(q.end, end) - passage.offset }));
  const cuts = [...new Set([0, passage.text.length, ...local.flatMap((q) => [q.start, q.end])])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    if (from === to) continue;
    const covering = local.filter((q) => q.start <= from && q.end >= to);
    segments.push({
      text: passage.text.slice(from, to),
      criteria: [...new Set(covering.map((q) => q.criterion))].sort((a, b) => a - b),
      anchors: local.filter((q) => q.start === from && (!homes || homes.get(q.anchor) === passage.id)).map((q) => q.anchor),
    });
  }
  return segments;
}
