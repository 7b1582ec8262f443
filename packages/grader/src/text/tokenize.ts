import { stem } from './stemmer';
import { FUNCTION_WORDS, MATCH_STOPWORDS, NEGATIONS } from './stopwords';

export interface Token {
  /** Lower-cased surface form. */
  readonly word: string;
  /** Porter stem of `word` (numbers and short words unchanged). */
  readonly stem: string;
  /** Offsets into the original text. */
  readonly start: number;
  readonly end: number;
  /** In the broad function-word list used for style statistics. */
  readonly isFunctionWord: boolean;
  /** Glue word skipped by phrase matching (see MATCH_STOPWORDS). */
  readonly isStopword: boolean;
  readonly isNegation: boolean;
}

const WORD_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;
/** Splits camelCase and PascalCase (`deletionTimestamp` → deletion Timestamp, `HTTPServer` → HTTP Server). */
const CAMEL_RE = /\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+|\p{Lu}|[^\p{Lu}\p{Ll}\p{N}]+/gu;

function makeToken(word: string, start: number, end: number): Token {
  const lower = word.toLowerCase();
  return {
    word: lower,
    stem: stem(lower),
    start,
    end,
    isFunctionWord: FUNCTION_WORDS.has(lower),
    isStopword: MATCH_STOPWORDS.has(lower),
    isNegation: NEGATIONS.has(lower),
  };
}

/**
 * Word tokens with offsets. camelCase is split, contractions expand to a trailing `not`
 * (`doesn't` → does not, `cannot` → can not) so negation survives, and other clitics are dropped.
 */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const start = m.index ?? 0;
    const apostrophe = raw.search(/['’]/);
    let base = apostrophe >= 0 ? raw.slice(0, apostrophe) : raw;
    const clitic = apostrophe >= 0 ? raw.slice(apostrophe + 1).toLowerCase() : '';
    let negated = false;
    if (clitic === 't' && /n$/i.test(base)) {
      base = base.slice(0, -1);
      negated = true;
      if (/^(wo|ca|sha)$/i.test(base)) base = base.toLowerCase() === 'wo' ? 'will' : base.toLowerCase() === 'ca' ? 'can' : 'shall';
    } else if (/^cannot$/i.test(base)) {
      base = 'can';
      negated = true;
    }
    const baseEnd = start + (apostrophe >= 0 ? apostrophe : raw.length);
    if (/^[\p{Ll}\p{N}]+$/u.test(base) || /^\p{Lu}[\p{Ll}\p{N}]*$/u.test(base) || /^[\p{Lu}\p{N}]+$/u.test(base)) {
      if (base) out.push(makeToken(base, start, baseEnd));
    } else {
      for (const part of base.matchAll(CAMEL_RE)) {
        const s = start + (part.index ?? 0);
        out.push(makeToken(part[0], s, s + part[0].length));
      }
    }
    if (negated) out.push(makeToken('not', start, start + raw.length));
  }
  return out;
}

/** Stems of the content words of a text, in order (glue words dropped, negations kept). */
export function contentStems(text: string): string[] {
  return tokenize(text)
    .filter((t) => !t.isStopword)
    .map((t) => t.stem);
}

export interface Segment {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const MAX_SEGMENT_WORDS = 45;
const WINDOW_WORDS = 30;

/**
 * Splits text into sentence-like segments with offsets: on sentence punctuation followed by
 * whitespace, and on line breaks. Very long unpunctuated runs (speech transcripts) are cut into
 * windows of about thirty words so co-occurrence and evidence stay local.
 */
export function segment(text: string): Segment[] {
  const out: Segment[] = [];
  const boundary = /[.!?]+["'”’)\]]*(?=\s)|\n/g;
  let from = 0;
  const push = (s: number, e: number) => {
    let a = s;
    let b = e;
    while (a < b && /\s/.test(text[a] as string)) a++;
    while (b > a && /\s/.test(text[b - 1] as string)) b--;
    if (b > a) out.push(...chunk(text, a, b));
  };
  for (const m of text.matchAll(boundary)) {
    const end = (m.index ?? 0) + m[0].length;
    push(from, end);
    from = end;
  }
  push(from, text.length);
  return out;
}

function chunk(text: string, start: number, end: number): Segment[] {
  const slice = text.slice(start, end);
  const words = [...slice.matchAll(/\S+/g)];
  if (words.length <= MAX_SEGMENT_WORDS) return [{ start, end, text: slice }];
  const out: Segment[] = [];
  for (let i = 0; i < words.length; i += WINDOW_WORDS) {
    const first = words[i];
    const last = words[Math.min(i + WINDOW_WORDS, words.length) - 1];
    if (!first || !last) continue;
    const s = start + (first.index ?? 0);
    const e = start + (last.index ?? 0) + last[0].length;
    out.push({ start: s, end: e, text: text.slice(s, e) });
  }
  return out;
}
