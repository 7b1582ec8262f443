import type { Evidence } from '@interview/contracts';

const QUOTE_MAP: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '`': "'",
  '´': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '‟': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '‐': '-',
  '‑': '-',
  '‒': '-',
  '–': '-',
  '—': '-',
  '−': '-',
};

interface Normalised {
  /** Lower-cased text with whitespace runs collapsed to one space and quote/dash variants unified. */
  text: string;
  /** For each character of `text`, the offset of the original character it came from. */
  origin: number[];
  /** For each character of `text`, the offset just after the original character it came from. */
  originEnd: number[];
}

function normalise(input: string): Normalised {
  let text = '';
  const origin: number[] = [];
  const originEnd: number[] = [];
  let offset = 0;
  let lastWasSpace = false;
  for (const ch of input) {
    const at = offset;
    offset += ch.length;
    if (/\s/u.test(ch)) {
      if (!lastWasSpace) {
        text += ' ';
        origin.push(at);
        originEnd.push(offset);
      }
      lastWasSpace = true;
      continue;
    }
    lastWasSpace = false;
    const mapped = (QUOTE_MAP[ch] ?? ch).toLowerCase();
    text += mapped;
    // One entry per UTF-16 unit of the mapped text, so indexes into `text` line up.
    for (let k = 0; k < mapped.length; k++) {
      origin.push(at);
      originEnd.push(offset);
    }
  }
  return { text, origin, originEnd };
}

/** Same normalisation as evidence matching uses; exported for callers that compare text. */
export function normaliseForMatch(text: string): string {
  return normalise(text).text.trim();
}

/** Strips wrapping quotes, ellipses and whitespace a model tends to add around a quote. */
function cleanQuote(quote: string): string {
  let q = normaliseForMatch(quote);
  let prev = '';
  while (q !== prev) {
    prev = q;
    q = q
      .replace(/^(?:\.\.\.|…|["'])+/u, '')
      .replace(/(?:\.\.\.|…|["'])+$/u, '')
      .trim();
  }
  return q;
}

/** Quotes shorter than this (after normalising) prove nothing and are dropped. */
const MIN_QUOTE_CHARS = 3;

/**
 * Keeps only the quotes that occur in `answer`, matching after normalising whitespace, case,
 * and straight/curly quote variants. Each kept quote is returned as the verbatim span of the
 * ORIGINAL answer with its offsets, so the UI can highlight it. Unverifiable quotes are dropped,
 * as are duplicates of a span already kept.
 */
export function verifyEvidence(answer: string, quotes: readonly string[]): Evidence[] {
  const hay = normalise(answer);
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const raw of quotes) {
    if (typeof raw !== 'string') continue;
    // Try the quote as given first, then without wrapping quotes/ellipses a model may add.
    const candidates = [normaliseForMatch(raw), cleanQuote(raw)].filter((c) => c.replace(/\s/g, '').length >= MIN_QUOTE_CHARS);
    let needle = '';
    let at = -1;
    for (const c of candidates) {
      at = hay.text.indexOf(c);
      if (at >= 0) {
        needle = c;
        break;
      }
    }
    if (at < 0) continue;
    const start = hay.origin[at];
    const end = hay.originEnd[at + needle.length - 1];
    if (start === undefined || end === undefined) continue;
    const key = `${start}:${end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ quote: answer.slice(start, end), start, end });
  }
  return out;
}
