/**
 * Evidence offsets point into the text the grader read: the main answer, then for each follow-up
 * "\n\nFollow-up question: <prompt>\nAnswer: <answer>" (see loadGradingInput in packages/db). This
 * module rebuilds that text, places each quote on it, and cuts the displayed parts into pieces
 * that know which quotes cover them, so the view can wrap them in <mark>.
 */

export interface EvidenceQuote {
  quote: string;
  start: number;
  end: number;
}

export interface CriterionEvidence {
  key: string;
  evidence: readonly EvidenceQuote[];
}

/** One quote placed on the graded text. `id` is unique on the page and used as its anchor. */
export interface Highlight {
  id: string;
  criterionKey: string;
  quote: string;
  start: number;
  end: number;
}

/** A displayed run of the graded text: an answer or a follow-up's wording. */
export interface Segment {
  role: 'answer' | 'followup-prompt' | 'followup-answer';
  itemId: string;
  text: string;
  /** Where `text` starts in the graded text; null when the grader never read it. */
  offset: number | null;
}

export interface Piece {
  start: number;
  end: number;
  text: string;
  /** Quotes covering this piece. */
  covering: Highlight[];
  /** Quotes whose first displayed character is here: the piece carries their anchor. */
  starting: Highlight[];
  /** Quotes whose last displayed character is here: their criterion label follows the piece. */
  ending: Highlight[];
}

interface ItemLike {
  id: string;
  prompt: string;
  answer: { text: string | null; transcript: string | null } | null;
}

const answerOf = (item: ItemLike) => item.answer?.text ?? item.answer?.transcript ?? null;

/** Rebuilds the graded text of a question and its follow-ups, with the displayed segments. */
export function composeGradedText(main: ItemLike, followups: readonly ItemLike[]): { text: string | null; segments: Segment[] } {
  const mainText = answerOf(main);
  if (mainText === null) {
    // Nothing was graded; follow-ups are still shown, without highlights.
    return {
      text: null,
      segments: followups.flatMap((f) => [
        { role: 'followup-prompt', itemId: f.id, text: f.prompt, offset: null },
        { role: 'followup-answer', itemId: f.id, text: answerOf(f) ?? '', offset: null },
      ]),
    };
  }
  const segments: Segment[] = [{ role: 'answer', itemId: main.id, text: mainText, offset: 0 }];
  let text = mainText;
  for (const f of followups) {
    text += '\n\nFollow-up question: ';
    segments.push({ role: 'followup-prompt', itemId: f.id, text: f.prompt, offset: text.length });
    text += `${f.prompt}\nAnswer: `;
    const answer = answerOf(f)?.trim() || '(no answer)';
    segments.push({ role: 'followup-answer', itemId: f.id, text: answer, offset: text.length });
    text += answer;
  }
  return { text, segments };
}

/** Lower-cased text with whitespace runs collapsed, and where each kept character came from. */
function normalise(text: string): { value: string; origin: number[] } {
  let value = '';
  const origin: number[] = [];
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (/\s/.test(ch)) {
      space = value.length > 0;
      continue;
    }
    if (space) {
      value += ' ';
      origin.push(i - 1);
      space = false;
    }
    value += ch.toLowerCase();
    origin.push(i);
  }
  return { value, origin };
}

const same = (a: string, b: string) => normalise(a).value === normalise(b).value;

/**
 * Places each criterion's quotes: the stored offsets when they still hold the quote, else the
 * quote's first occurrence (ignoring case and spacing). Quotes found nowhere are returned apart.
 */
export function placeEvidence(
  text: string | null,
  criteria: readonly CriterionEvidence[],
  idPrefix: string,
): { placed: Highlight[]; missing: { criterionKey: string; quote: string }[] } {
  const placed: Highlight[] = [];
  const missing: { criterionKey: string; quote: string }[] = [];
  const hay = text === null ? null : normalise(text);
  for (const c of criteria) {
    c.evidence.forEach((e, i) => {
      const id = `${idPrefix}-${c.key}-${i}`;
      if (text !== null && e.end > e.start && e.end <= text.length && same(text.slice(e.start, e.end), e.quote)) {
        placed.push({ id, criterionKey: c.key, quote: e.quote, start: e.start, end: e.end });
        return;
      }
      const needle = normalise(e.quote).value;
      const at = hay && needle ? hay.value.indexOf(needle) : -1;
      const start = hay?.origin[at];
      const last = hay?.origin[at + needle.length - 1];
      if (at >= 0 && start !== undefined && last !== undefined) {
        placed.push({ id, criterionKey: c.key, quote: e.quote, start, end: last + 1 });
      } else {
        missing.push({ criterionKey: c.key, quote: e.quote });
      }
    });
  }
  return { placed, missing };
}

export interface ShownBounds {
  first: number;
  last: number;
}

/**
 * Where each quote's first and last displayed characters are. A quote may run across segments or
 * start in the "Follow-up question:" wording between them, which is not displayed as text.
 */
export function shownBounds(segments: readonly Segment[], highlights: readonly Highlight[]): Map<string, ShownBounds> {
  const bounds = new Map<string, ShownBounds>();
  for (const s of segments) {
    if (s.offset === null) continue;
    const segEnd = s.offset + s.text.length;
    for (const h of highlights) {
      if (h.start >= segEnd || h.end <= s.offset) continue;
      const first = Math.max(h.start, s.offset);
      const last = Math.min(h.end, segEnd);
      const known = bounds.get(h.id);
      bounds.set(h.id, known ? { first: Math.min(known.first, first), last: Math.max(known.last, last) } : { first, last });
    }
  }
  return bounds;
}

/** Cuts a segment at every quote boundary inside it. */
export function splitSegment(segment: Segment, highlights: readonly Highlight[], bounds: ReadonlyMap<string, ShownBounds>): Piece[] {
  const { offset, text } = segment;
  if (offset === null) return [{ start: 0, end: text.length, text, covering: [], starting: [], ending: [] }];
  const end = offset + text.length;
  const inside = highlights.filter((h) => h.start < end && h.end > offset);
  const cuts = new Set([offset, end]);
  for (const h of inside) {
    cuts.add(Math.max(h.start, offset));
    cuts.add(Math.min(h.end, end));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i] ?? offset;
    const b = points[i + 1] ?? end;
    if (b <= a) continue;
    const covering = inside.filter((h) => h.start <= a && h.end >= b);
    pieces.push({
      start: a,
      end: b,
      text: text.slice(a - offset, b - offset),
      covering,
      starting: covering.filter((h) => bounds.get(h.id)?.first === a),
      ending: covering.filter((h) => bounds.get(h.id)?.last === b),
    });
  }
  return pieces;
}
