import { type Criterion, type KeyPoint, RubricDefinition } from '@interview/contracts';
import { COVERAGE_THRESHOLDS } from '../offline/grade';
import { type Token, tokenize } from '../text/tokenize';
import { DraftError, type RubricDraftInput } from './types';

/** Bump when the drafting rules change. */
export const OFFLINE_DRAFT_VERSION = 'offline-draft-v1';

const MIN_CRITERIA = 4;
const MAX_CRITERIA = 6;
/** Very long references keep only their most salient claims, in their original order. */
const MAX_CLAIMS = 24;
const MAX_SYNONYMS = 4;
const LONG_CLAIM_WORDS = 28;
const MAX_POINT_WORDS = 40;
/** Penalty per squared deviation of a group's size from the mean size, against lexical cohesion. */
const SIZE_PENALTY = 0.15;

/** Everyday words that carry no technical meaning of their own: never key terms. */
const GENERIC = new Set(
  `use uses used using need needs needed way ways thing things important usually often typically first second third
next means mean meaning simply really actually case cases example examples instance sure well good bad better best
worse new old time times work works worked working make makes take takes taken give gives given keep keeps kept see
sees seen look looks looking want wants try tries tried able likely unlikely common commonly different same various
specific certain whole part parts kind kinds sort lot lots little less least enough always sometimes usual especially
particular particularly directly exactly basically essentially generally mostly quite fairly pretty put puts call
calls called say says said tell tells know knows known think go goes going gone come comes happen happens happened
show shows shown find finds found become becomes help helps thing point points reason reasons problem problems issue
issues answer question matter matters whatever right wrong true false real really now later soon etc ie eg versus
vs yes okay ok something anything everything nothing someone anyone everyone done doing does needed want wanted
rather instead likewise either neither else set sets order ordered`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * A word of a claim: an ordinary word, or a whole technical chunk (identifier, field path, flag,
 * acronym), which keeps `metadata.deletionTimestamp` or `StatefulSet` together as one term.
 */
interface Unit {
  readonly text: string;
  /** Key for idf and de-duplication: the chunk's content stems joined. */
  readonly key: string;
  readonly start: number;
  readonly end: number;
  readonly technical: boolean;
  readonly salient: boolean;
  readonly capitalised: boolean;
  readonly numeric: boolean;
}

interface Claim {
  readonly text: string;
  readonly units: Unit[];
  /** Keys of the salient units. */
  readonly keys: Set<string>;
}

interface Term {
  /** Surface text from the claim (original casing and separators). */
  readonly text: string;
  readonly keys: string[];
  readonly score: number;
  readonly position: number;
  readonly technical: boolean;
}

interface DraftPoint {
  readonly claim: Claim;
  readonly terms: Term[];
  readonly keyPoint: KeyPoint;
}

/** A clean chunk that looks like an identifier, flag, field path, acronym or status code. */
function isTechnicalChunk(chunk: string): boolean {
  if (!/^(?:--?)?[A-Za-z0-9][\w.\-/:=]*$/.test(chunk)) return false;
  return (
    /[a-z][A-Z]/.test(chunk) ||
    /^--[a-z]{2,}/i.test(chunk) ||
    /[A-Za-z][._/:=][A-Za-z0-9]/.test(chunk) ||
    /^[A-Z][A-Z0-9]{1,}s?$/.test(chunk) ||
    /[A-Za-z]\d|\d[A-Za-z]/.test(chunk) ||
    /^\d{3,}$/.test(chunk)
  );
}

/** The whitespace-delimited chunk around [start, end), trimmed of surrounding punctuation, with its offsets. */
function chunkAround(text: string, start: number, end: number): { chunk: string; start: number; end: number } {
  let a = start;
  let b = end;
  while (a > 0 && !/\s/.test(text[a - 1] as string)) a--;
  while (b < text.length && !/\s/.test(text[b] as string)) b++;
  while (a < start && /[("'`“‘[{<]/.test(text[a] as string)) a++;
  while (b > end && /[)"'`”’\]}>,;:.!?]/.test(text[b - 1] as string)) b--;
  return { chunk: text.slice(a, b), start: a, end: b };
}

/** Adverbs ending in -ly say how, not what. */
const isAdverb = (w: string) => w.length > 5 && w.endsWith('ly') && !/(?:apply|reply|supply|assembly|anomaly)$/.test(w);

function isSalientWord(t: Token): boolean {
  if (t.isFunctionWord || t.isNegation || GENERIC.has(t.word) || isAdverb(t.word)) return false;
  if (/^\d+$/.test(t.word)) return t.word.length >= 3;
  return t.word.length > 2;
}

function analyseClaim(text: string): Claim {
  const units: Unit[] = [];
  const tokens = tokenize(text);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    const around = chunkAround(text, t.start, t.end);
    if (around.chunk.length >= 3 && isTechnicalChunk(around.chunk)) {
      const group: Token[] = [t];
      while (i + 1 < tokens.length && (tokens[i + 1] as Token).end <= around.end) group.push(tokens[++i] as Token);
      const stems = group.filter((g) => !g.isStopword).map((g) => g.stem);
      units.push({
        text: around.chunk,
        key: stems.join(' '),
        start: around.start,
        end: around.end,
        technical: true,
        salient: stems.length > 0,
        capitalised: false,
        numeric: /^\d+$/.test(around.chunk),
      });
    } else {
      const surface = text.slice(t.start, t.end);
      units.push({
        text: surface,
        key: t.stem,
        start: t.start,
        end: t.end,
        technical: false,
        salient: isSalientWord(t),
        capitalised: /^\p{Lu}/u.test(surface) && t.start > 0,
        numeric: /^\d+$/.test(t.word),
      });
    }
  }
  return { text, units, keys: new Set(units.filter((u) => u.salient).map((u) => u.key)) };
}

const wordCount = (s: string) => (s.match(/\S+/g) ?? []).length;

/** Sentences of a reference answer: split after . ! ? followed by whitespace and a capital or digit, and at line breaks. */
function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["'”’)\]]*)\s+(?=["'“‘(`]?[A-Z0-9])|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A clause that leans on the previous one ("It cannot…", "which…") stays attached to it. */
const DEPENDENT = /^(?:it|this|that|these|those|they|which|so|then|otherwise)\b/i;

/** Splits a long sentence at clause boundaries so each claim states about one thing. */
function splitClauses(sentence: string): string[] {
  const parts = sentence
    .split(/;\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const merged: string[] = [];
  for (const p of parts) {
    const last = merged.at(-1);
    if (last !== undefined && (wordCount(p) < 4 || wordCount(last) < 4 || DEPENDENT.test(p))) merged[merged.length - 1] = `${last}; ${p}`;
    else merged.push(p);
  }
  return merged.flatMap((p) => {
    if (wordCount(p) <= LONG_CLAIM_WORDS) return [p];
    const pieces = p.split(/,\s+(?=(?:and|but|so|while|because|whereas|or)\b)|:\s+/);
    const out: string[] = [];
    for (const piece of pieces) {
      const last = out.at(-1);
      if (last !== undefined && (wordCount(piece) < 6 || wordCount(last) < 6)) out[out.length - 1] = `${last}, ${piece}`;
      else out.push(piece.trim());
    }
    return out;
  });
}

/** Cuts a claim in two at the comma nearest its middle, or at the middle word. */
function halve(text: string): [string, string] | null {
  const words = [...text.matchAll(/\S+/g)];
  if (words.length < 6) return null;
  const mid = words.length / 2;
  let cut = Math.floor(mid);
  let best = Number.POSITIVE_INFINITY;
  words.forEach((w, i) => {
    if (i >= 2 && i <= words.length - 3 && /[,:;]$/.test(w[0]) && Math.abs(i + 1 - mid) < best) {
      best = Math.abs(i + 1 - mid);
      cut = i + 1;
    }
  });
  const at = words[cut]?.index ?? text.length;
  const a = text
    .slice(0, at)
    .trim()
    .replace(/[,:;]$/, '');
  const b = text.slice(at).trim();
  return a && b ? [a, b] : null;
}

function idfOf(claims: readonly Claim[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const c of claims) for (const k of c.keys) df.set(k, (df.get(k) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [k, n] of df) idf.set(k, Math.log(1 + claims.length / n));
  return idf;
}

interface Context {
  readonly idf: ReadonlyMap<string, number>;
  readonly questionKeys: ReadonlySet<string>;
}

function unitWeight(u: Unit, ctx: Context): number {
  if (!u.salient) return 0;
  let weight = ctx.idf.get(u.key) ?? 1;
  if (u.technical && !u.numeric) weight *= /^[A-Z]{2,4}s?$/.test(u.text) ? 1.25 : 1.6;
  else if (u.capitalised) weight *= 1.2;
  if (u.numeric) weight *= 0.6;
  if (ctx.questionKeys.has(u.key)) weight *= 0.7;
  return weight;
}

/** Contiguous runs of salient units, not crossing punctuation other than in-word separators. */
function runsOf(claim: Claim): Unit[][] {
  const runs: Unit[][] = [];
  let run: Unit[] = [];
  claim.units.forEach((u, i) => {
    const prev = claim.units[i - 1];
    const joined = prev !== undefined && /^[\s\-./_:=]*$/.test(claim.text.slice(prev.end, u.start));
    if (!u.salient || !joined) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (u.salient) run.push(u);
  });
  if (run.length) runs.push(run);
  return runs;
}

/** Candidate terms of a claim: 1–3 unit n-grams inside salient runs, strongest first. */
function termsOf(claim: Claim, ctx: Context): Term[] {
  const seen = new Set<string>();
  const terms: Term[] = [];
  for (const run of runsOf(claim)) {
    for (let n = 1; n <= 3; n++) {
      for (let i = 0; i + n <= run.length; i++) {
        const units = run.slice(i, i + n);
        const keys = units.map((u) => u.key);
        const key = keys.join('|');
        if (seen.has(key) || new Set(keys).size < n) continue;
        seen.add(key);
        const first = units[0] as Unit;
        const last = units[n - 1] as Unit;
        const mean = units.reduce((sum, u) => sum + unitWeight(u, ctx), 0) / n;
        terms.push({
          text: claim.text.slice(first.start, last.end),
          keys,
          score: mean * (1 + 0.3 * (n - 1)),
          position: first.start,
          technical: n === 1 && first.technical,
        });
      }
    }
  }
  return terms.sort((a, b) => b.score - a.score || a.position - b.position);
}

/**
 * Accepted phrasings of a claim: its strongest multi-word terms, its claim-specific technical
 * identifiers, and a pair of its strongest single words (which must then appear together in one
 * sentence of the answer).
 */
function synonymsFor(terms: readonly Term[], ctx: Context, claimCount: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (text: string, keys: readonly string[]) => {
    const key = [...keys].sort().join('|');
    if (out.length >= MAX_SYNONYMS || seen.has(key) || text.trim().length < 2) return;
    seen.add(key);
    out.push(text.trim());
  };
  for (const t of terms.filter((t) => t.keys.length >= 2).slice(0, 2)) push(t.text, t.keys);
  // A single identifier is accepted alone only when it is specific to this claim.
  const rare = Math.log(1 + claimCount / 2);
  const unique = Math.log(1 + claimCount);
  for (const t of terms.filter((t) => t.technical && !ctx.questionKeys.has(t.keys[0] as string)).slice(0, 2)) {
    const idf = ctx.idf.get(t.keys[0] as string) ?? 0;
    // Short acronyms (API, CSI) are accepted alone only when no other claim uses them.
    if (idf >= (/^[A-Z]{2,4}s?$/.test(t.text) ? unique : rare)) push(t.text, t.keys);
  }
  const singles = terms.filter((t) => t.keys.length === 1);
  const top = singles.slice(0, 3);
  const pairs: Array<[Term, Term]> = [];
  for (let i = 0; i < top.length; i++) for (let j = i + 1; j < top.length; j++) pairs.push([top[i] as Term, top[j] as Term]);
  for (const [a, b] of pairs) {
    if (out.length >= 2) break;
    const [x, y] = a.position <= b.position ? [a, b] : [b, a];
    push(`${x.text} ${y.text}`, [...x.keys, ...y.keys]);
  }
  if (out.length === 0 && singles[0]) push(singles[0].text, singles[0].keys);
  return out;
}

export function slugify(text: string, maxLength = 48): string {
  const base = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (base.length <= maxLength) return base;
  const cut = base.slice(0, maxLength);
  const at = cut.lastIndexOf('-');
  return (at > 8 ? cut.slice(0, at) : cut).replace(/-+$/, '');
}

function uniqueSlug(candidate: string, fallback: string, taken: Set<string>): string {
  const base = candidate || fallback;
  let slug = base;
  for (let i = 2; taken.has(slug); i++) slug = `${base}-${i}`;
  taken.add(slug);
  return slug;
}

function truncateWords(text: string, max: number): string {
  const words = text.trim().split(/\s+/);
  return words.length <= max ? text.trim() : `${words.slice(0, max).join(' ')}…`;
}

function ensureSentence(text: string): string {
  const t = text.trim().replace(/^[a-z]/, (c) => c.toUpperCase());
  return /[.!?…]$/.test(t) ? t : `${t}.`;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  return shared / (a.size + b.size - shared);
}

/**
 * Splits `n` ordered items into `groups` contiguous groups, cutting where neighbouring items share
 * the least vocabulary while keeping group sizes close to even (dynamic programming).
 */
export function partitionContiguous(cohesion: readonly number[], n: number, groups: number): number[][] {
  const ideal = n / groups;
  const INF = Number.POSITIVE_INFINITY;
  // cost[k][j]: best cost of splitting the first j items into k groups; cut[k][j]: start of group k.
  const cost = Array.from({ length: groups + 1 }, () => new Array<number>(n + 1).fill(INF));
  const cut = Array.from({ length: groups + 1 }, () => new Array<number>(n + 1).fill(0));
  (cost[0] as number[])[0] = 0;
  for (let k = 1; k <= groups; k++) {
    for (let j = k; j <= n - (groups - k); j++) {
      for (let i = k - 1; i < j; i++) {
        const before = (cost[k - 1] as number[])[i] as number;
        if (before === INF) continue;
        const size = j - i;
        const boundary = i > 0 ? (cohesion[i - 1] ?? 0) : 0;
        const c = before + boundary + SIZE_PENALTY * (size - ideal) ** 2;
        if (c < ((cost[k] as number[])[j] as number)) {
          (cost[k] as number[])[j] = c;
          (cut[k] as number[])[j] = i;
        }
      }
    }
  }
  const out: number[][] = [];
  let j = n;
  for (let k = groups; k >= 1; k--) {
    const i = (cut[k] as number[])[j] as number;
    out.unshift(Array.from({ length: j - i }, (_, m) => i + m));
    j = i;
  }
  return out;
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function levelsFor(n: number, terms: readonly string[]): Criterion['levels'] {
  const named = terms.slice(0, 3).join(', ');
  const all = n === 1 ? 'the key point' : n === 2 ? 'both key points' : `all ${n} key points`;
  return {
    0: `States none of the key points (coverage below ${pct(COVERAGE_THRESHOLDS[1])}), or does not address this part of the question.`,
    1: `Touches the topic (coverage at least ${pct(COVERAGE_THRESHOLDS[1])}), or only names terms such as ${named} without explaining them.`,
    2: `Explains some of the key points (coverage at least ${pct(COVERAGE_THRESHOLDS[2])}) or covers them only in part.`,
    3: `Explains most of the key points (coverage at least ${pct(COVERAGE_THRESHOLDS[3])}) in full sentences, with minor gaps.`,
    4: `Explains ${all} (coverage at least ${pct(COVERAGE_THRESHOLDS[4])}) accurately and in full sentences, as in the reference answer.`,
  };
}

/**
 * Drafts a rubric from a question and its reference answer, with no model and deterministically:
 * the reference is split into claims (sentences, long ones at clause boundaries); each claim
 * becomes a key point whose accepted phrasings are its most specific terms (technical identifiers,
 * multi-word noun phrases, pairs of rare words); neighbouring claims are grouped into 4–6 criteria
 * at the points of least shared vocabulary; level descriptors follow the offline grader's coverage
 * thresholds. The result always passes `RubricDefinition`; a reference with fewer than four
 * gradable claims throws `DraftError`.
 */
export function draftRubricOffline(input: RubricDraftInput): RubricDefinition {
  const reference = input.referenceAnswer.trim();
  const questionKeys = new Set(
    tokenize(input.question)
      .filter((t) => !t.isFunctionWord)
      .map((t) => t.stem),
  );
  const usable = (c: Claim) => c.keys.size > 0 && wordCount(c.text) >= 3;
  const tooShort = () =>
    new DraftError(
      `the reference answer is too short to draft a rubric: it needs at least ${MIN_CRITERIA} distinct claims with technical content`,
    );

  let claims = sentences(reference).flatMap(splitClauses).map(analyseClaim).filter(usable);
  while (claims.length < MIN_CRITERIA) {
    const longest = [...claims].sort((a, b) => wordCount(b.text) - wordCount(a.text))[0];
    const halves = longest ? halve(longest.text) : null;
    if (!longest || !halves) throw tooShort();
    const next = claims
      .flatMap((c) => (c === longest ? halves : [c.text]))
      .map(analyseClaim)
      .filter(usable);
    if (next.length <= claims.length) throw tooShort();
    claims = next;
  }

  let ctx: Context = { idf: idfOf(claims), questionKeys };
  if (claims.length > MAX_CLAIMS) {
    const salience = (c: Claim) =>
      termsOf(c, ctx)
        .slice(0, 3)
        .reduce((n, t) => n + t.score, 0);
    const keep = new Set(
      claims
        .map((c, i) => ({ i, s: salience(c) }))
        .sort((a, b) => b.s - a.s || a.i - b.i)
        .slice(0, MAX_CLAIMS)
        .map((x) => x.i),
    );
    claims = claims.filter((_, i) => keep.has(i));
    ctx = { idf: idfOf(claims), questionKeys };
  }

  const pointIds = new Set<string>();
  const points: DraftPoint[] = claims.map((claim, i) => {
    const terms = termsOf(claim, ctx);
    const named = terms.filter((t) => !/^-|=/.test(t.text));
    const idSource = (named.find((t) => t.keys.length >= 2) ?? named[0] ?? terms[0])?.text ?? '';
    return {
      claim,
      terms,
      keyPoint: {
        id: uniqueSlug(slugify(idSource, 40), `point-${i + 1}`, pointIds),
        point: ensureSentence(truncateWords(claim.text, MAX_POINT_WORDS)),
        synonyms: synonymsFor(terms, ctx, claims.length),
      },
    };
  });

  const groupCount = Math.min(MAX_CRITERIA, Math.max(MIN_CRITERIA, Math.round(points.length / 3)));
  const cohesion = points.slice(1).map((p, i) => jaccard((points[i] as DraftPoint).claim.keys, p.claim.keys));
  const groups = partitionContiguous(cohesion, points.length, groupCount).map((idx) => idx.map((i) => points[i] as DraftPoint));

  const criterionKeys = new Set<string>();
  const criteria: Criterion[] = groups.map((group, g) => {
    const names = groupNames(group);
    const lead = names[0] ?? `part ${g + 1}`;
    const title = names.length >= 2 ? `${lead} and ${names[1]}` : lead;
    const statements = group.map((p) => p.keyPoint.point.replace(/[.!?…]$/, ''));
    return {
      key: uniqueSlug(slugify(names.slice(0, 2).join(' '), 48), `criterion-${g + 1}`, criterionKeys),
      title: /^[a-z]/.test(title) && !isTechnicalChunk(lead) ? title.charAt(0).toUpperCase() + title.slice(1) : title,
      weight: group.length,
      assesses: truncateWords(
        `Whether the answer explains ${group.length === 1 ? 'this point' : `these ${group.length} points`} of the reference answer: ${statements.join('; ')}.`,
        90,
      ),
      levels: levelsFor(group.length, names),
      keyPoints: group.map((p) => p.keyPoint),
      redFlags: [],
    };
  });

  return RubricDefinition.parse({ criteria });
}

/**
 * Names for a group of claims: its most salient terms, distinct by stem. Terms that recur across
 * the group's claims are its topic and rank higher; flags and assignments make poor names.
 */
function groupNames(group: readonly DraftPoint[]): string[] {
  const ranked = new Map<string, { text: string; score: number; claims: number }>();
  for (const p of group) {
    for (const t of p.terms.slice(0, 8)) {
      if (/^-|[=/{]/.test(t.text)) continue;
      const key = t.keys.join('|');
      const prev = ranked.get(key);
      ranked.set(key, {
        text: prev?.text ?? t.text,
        score: (prev?.score ?? 0) + t.score * (t.keys.length >= 2 ? 1.15 : 1),
        claims: (prev?.claims ?? 0) + 1,
      });
    }
  }
  const names: string[] = [];
  const used = new Set<string>();
  const order = [...ranked.entries()].sort(
    (a, b) => b[1].score * (1 + 0.5 * (b[1].claims - 1)) - a[1].score * (1 + 0.5 * (a[1].claims - 1)),
  );
  for (const [key, v] of order) {
    const keys = key.split('|').flatMap((k) => k.split(' '));
    if (keys.some((k) => used.has(k))) continue;
    for (const k of keys) used.add(k);
    names.push(v.text);
    if (names.length === 3) break;
  }
  return names;
}
