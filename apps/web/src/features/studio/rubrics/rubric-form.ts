import type { RubricDefinition } from '@interview/contracts/rubric';
import type { FieldErrors } from '../../../ui/form-errors';
import { SLUG_PATTERN, slugify } from '../types';

/** The editor's model: numbers and lists stay as typed text until saved, so typing never jumps. */
export interface KeyPointForm {
  uid: string;
  id: string;
  point: string;
  /** Comma-separated. */
  synonyms: string;
}
export interface RedFlagForm {
  uid: string;
  id: string;
  text: string;
  /** Comma-separated. */
  phrases: string;
}
export interface CriterionForm {
  uid: string;
  key: string;
  title: string;
  weight: string;
  assesses: string;
  levels: [string, string, string, string, string];
  keyPoints: KeyPointForm[];
  redFlags: RedFlagForm[];
}
export interface RubricForm {
  criteria: CriterionForm[];
}

export const LEVELS = [0, 1, 2, 3, 4] as const;
export const MIN_CRITERIA = 4;
export const MAX_CRITERIA = 6;

let uidCounter = 0;
const uid = () => `u${++uidCounter}`;

const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function formFromDefinition(d: RubricDefinition): RubricForm {
  return {
    criteria: d.criteria.map((c) => ({
      uid: uid(),
      key: c.key,
      title: c.title,
      weight: String(c.weight),
      assesses: c.assesses,
      levels: [c.levels[0], c.levels[1], c.levels[2], c.levels[3], c.levels[4]],
      keyPoints: c.keyPoints.map((k) => ({ uid: uid(), id: k.id, point: k.point, synonyms: k.synonyms.join(', ') })),
      redFlags: (c.redFlags ?? []).map((r) => ({ uid: uid(), id: r.id, text: r.text, phrases: (r.phrases ?? []).join(', ') })),
    })),
  };
}

export function definitionFromForm(f: RubricForm): RubricDefinition {
  return {
    criteria: f.criteria.map((c) => ({
      key: c.key.trim(),
      title: c.title.trim(),
      weight: Number(c.weight),
      assesses: c.assesses.trim(),
      levels: { 0: c.levels[0].trim(), 1: c.levels[1].trim(), 2: c.levels[2].trim(), 3: c.levels[3].trim(), 4: c.levels[4].trim() },
      keyPoints: c.keyPoints.map((k) => ({ id: k.id.trim(), point: k.point.trim(), synonyms: splitList(k.synonyms) })),
      redFlags: c.redFlags.map((r) => ({ id: r.id.trim(), text: r.text.trim(), phrases: splitList(r.phrases) })),
    })),
  };
}

/** Compares what would be saved, ignoring React keys and list spacing. */
export const formSignature = (f: RubricForm) => JSON.stringify(definitionFromForm(f));

/** A slug not yet in `taken`: base, base-2, base-3, … */
export function freeSlug(base: string, taken: Iterable<string>) {
  const used = new Set(taken);
  const root = slugify(base) || 'item';
  if (!used.has(root)) return root;
  for (let n = 2; ; n++) if (!used.has(`${root}-${n}`)) return `${root}-${n}`;
}

export const newKeyPoint = (taken: string[]): KeyPointForm => ({ uid: uid(), id: freeSlug('key-point', taken), point: '', synonyms: '' });
export const newRedFlag = (taken: string[]): RedFlagForm => ({ uid: uid(), id: freeSlug('red-flag', taken), text: '', phrases: '' });
export const newCriterion = (taken: string[]): CriterionForm => ({
  uid: uid(),
  key: freeSlug('criterion', taken),
  title: '',
  weight: '1',
  assesses: '',
  levels: ['', '', '', '', ''],
  keyPoints: [newKeyPoint([])],
  redFlags: [],
});

/** The name a criterion goes by in labels: its title, or its position while untitled. */
export const criterionName = (c: CriterionForm, i: number) => c.title.trim() || `criterion ${i + 1}`;

/**
 * The API's rules (RubricDefinition plus unique key-point and red-flag ids), checked by hand so the
 * bundle carries no zod. Paths match the server's details, so both land on the same field.
 */
export function validateRubric(f: RubricForm): FieldErrors {
  const e: FieldErrors = {};
  if (f.criteria.length < MIN_CRITERIA || f.criteria.length > MAX_CRITERIA)
    e.criteria = `A rubric has ${MIN_CRITERIA} to ${MAX_CRITERIA} criteria (now ${f.criteria.length}).`;
  const keys = new Set<string>();
  f.criteria.forEach((c, i) => {
    const p = `criteria.${i}`;
    const key = c.key.trim();
    if (!SLUG_PATTERN.test(key) || key.length > 80) e[`${p}.key`] = 'Use a lower-case kebab-case key, such as "root-cause".';
    else if (keys.has(key)) e[`${p}.key`] = `Another criterion already uses the key "${key}".`;
    keys.add(key);
    if (c.title.trim().length < 3) e[`${p}.title`] = 'Give a title of at least 3 characters.';
    const weight = Number(c.weight);
    if (c.weight.trim() === '' || !Number.isFinite(weight) || weight <= 0) e[`${p}.weight`] = 'The weight must be a positive number.';
    if (c.assesses.trim().length < 10) e[`${p}.assesses`] = 'Say what it assesses in at least 10 characters.';
    c.levels.forEach((text, n) => {
      if (text.trim().length < 10) e[`${p}.levels.${n}`] = `Describe level ${n} in at least 10 characters.`;
    });
    if (c.keyPoints.length === 0) e[`${p}.keyPoints`] = 'Give at least one key point.';
    const kpIds = new Set<string>();
    c.keyPoints.forEach((k, j) => {
      const q = `${p}.keyPoints.${j}`;
      const id = k.id.trim();
      if (!SLUG_PATTERN.test(id)) e[`${q}.id`] = 'Use a lower-case kebab-case id.';
      else if (kpIds.has(id)) e[`${q}.id`] = `Another key point of this criterion uses the id "${id}".`;
      kpIds.add(id);
      if (k.point.trim().length < 10) e[`${q}.point`] = 'State the key point in at least 10 characters.';
      const synonyms = splitList(k.synonyms);
      if (synonyms.length === 0) e[`${q}.synonyms`] = 'Give at least one synonym or phrasing.';
      else if (synonyms.some((s) => s.length < 2)) e[`${q}.synonyms`] = 'Each synonym needs at least 2 characters.';
    });
    const rfIds = new Set<string>();
    c.redFlags.forEach((r, j) => {
      const q = `${p}.redFlags.${j}`;
      const id = r.id.trim();
      if (!SLUG_PATTERN.test(id)) e[`${q}.id`] = 'Use a lower-case kebab-case id.';
      else if (rfIds.has(id)) e[`${q}.id`] = `Another red flag of this criterion uses the id "${id}".`;
      rfIds.add(id);
      if (r.text.trim().length < 10) e[`${q}.text`] = 'Describe the red flag in at least 10 characters.';
      if (splitList(r.phrases).some((s) => s.length < 3)) e[`${q}.phrases`] = 'Each phrase needs at least 3 characters.';
    });
  });
  return e;
}

/** Server paths point into lists ("…synonyms.2"); the form edits each list in one field. */
export function normaliseRubricErrors(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, message] of Object.entries(errors)) {
    const p = path.replace(/\.(synonyms|phrases)\.\d+$/, '.$1');
    out[p] ??= message;
  }
  return out;
}

/** A field path in words for the error summary: "Network policies, level 3". */
export function describeRubricPath(path: string, f: RubricForm): string {
  const m = /^criteria\.(\d+)(?:\.(\w+)(?:\.(\d+)(?:\.(\w+))?)?)?$/.exec(path);
  if (!m) return path === 'criteria' ? 'Criteria' : path;
  const i = Number(m[1]);
  const c = f.criteria[i];
  const name = c ? criterionName(c, i) : `criterion ${i + 1}`;
  const [, , field, index, sub] = m;
  if (!field) return name;
  if (field === 'levels') return `${name}, level ${index}`;
  if (field === 'keyPoints' || field === 'redFlags') {
    const kind = field === 'keyPoints' ? 'key point' : 'red flag';
    if (index === undefined) return `${name}, ${kind}s`;
    return `${name}, ${kind} ${Number(index) + 1}${sub ? ` (${sub})` : ''}`;
  }
  return `${name}, ${field}`;
}
