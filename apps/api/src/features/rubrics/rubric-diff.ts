import type { CriterionChange, RubricDiff } from '@interview/contracts/api';
import type { Criterion, KeyPoint, RedFlag, RubricDefinition } from '@interview/contracts/rubric';
import { SCORE_LEVELS } from '@interview/contracts/rubric';

type ContentDiff = Pick<RubricDiff, 'identical' | 'criteria' | 'weightShares'>;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Added, removed and changed items of two id-keyed lists; order is not a change. */
function diffById<T extends KeyPoint | RedFlag>(from: T[], to: T[]) {
  const before = new Map(from.map((x) => [x.id, x]));
  const after = new Map(to.map((x) => [x.id, x]));
  return {
    added: to.filter((x) => !before.has(x.id)),
    removed: from.filter((x) => !after.has(x.id)),
    changed: to.flatMap((x) => {
      const old = before.get(x.id);
      return old && !same(old, x) ? [{ id: x.id, from: old, to: x }] : [];
    }),
  };
}

const textChange = (from: string, to: string) => (from === to ? null : { from, to });

function diffCriterion(from: Criterion, to: Criterion): CriterionChange | null {
  const change: CriterionChange = {
    key: to.key,
    title: textChange(from.title, to.title),
    weight: from.weight === to.weight ? null : { from: from.weight, to: to.weight },
    assesses: textChange(from.assesses, to.assesses),
    levels: SCORE_LEVELS.flatMap((level) =>
      from.levels[level] === to.levels[level] ? [] : [{ level, from: from.levels[level], to: to.levels[level] }],
    ),
    keyPoints: diffById(from.keyPoints, to.keyPoints),
    redFlags: diffById(from.redFlags, to.redFlags),
  };
  const lists = [change.keyPoints, change.redFlags];
  const untouched =
    !change.title &&
    !change.weight &&
    !change.assesses &&
    change.levels.length === 0 &&
    lists.every((l) => l.added.length + l.removed.length + l.changed.length === 0);
  return untouched ? null : change;
}

/** Each criterion's share of the rubric's total weight, in percent to one decimal. */
function shares(rubric: RubricDefinition): Map<string, number> {
  const sum = rubric.criteria.reduce((s, c) => s + c.weight, 0);
  return new Map(rubric.criteria.map((c) => [c.key, Math.round((c.weight / sum) * 1000) / 10]));
}

/** What changed between two rubric definitions, criterion by criterion (matched on key). */
export function diffRubricDefinitions(from: RubricDefinition, to: RubricDefinition): ContentDiff {
  const before = new Map(from.criteria.map((c) => [c.key, c]));
  const after = new Map(to.criteria.map((c) => [c.key, c]));
  const changed: CriterionChange[] = [];
  const unchanged: string[] = [];
  for (const c of to.criteria) {
    const old = before.get(c.key);
    if (!old) continue;
    const change = diffCriterion(old, c);
    if (change) changed.push(change);
    else unchanged.push(c.key);
  }
  const added = to.criteria.filter((c) => !before.has(c.key));
  const removed = from.criteria.filter((c) => !after.has(c.key));
  const shareFrom = shares(from);
  const shareTo = shares(to);
  const keys = [...to.criteria.map((c) => c.key), ...removed.map((c) => c.key)];
  return {
    identical: added.length === 0 && removed.length === 0 && changed.length === 0,
    criteria: { added, removed, changed, unchanged },
    weightShares: keys.map((key) => ({ key, from: shareFrom.get(key) ?? null, to: shareTo.get(key) ?? null })),
  };
}
