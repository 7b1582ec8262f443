/**
 * Agreement between a grader and human raters. Pure functions over paired samples; every
 * function returns null where the statistic is undefined (too few pairs, zero variance).
 */

/** Number of score bands QWK is computed on: totals 0–100 are bucketed into bands 0–4. */
export const QWK_BANDS = 5;

function assertPaired(a: readonly number[], b: readonly number[]): void {
  if (a.length !== b.length) throw new RangeError(`paired samples differ in length (${a.length} vs ${b.length})`);
  for (const x of [...a, ...b]) if (!Number.isFinite(x)) throw new RangeError(`sample value ${x} is not a finite number`);
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Pearson's product-moment correlation. Null for fewer than 2 pairs or when either side is constant. */
export function pearson(a: readonly number[], b: readonly number[]): number | null {
  assertPaired(a, b);
  if (a.length < 2) return null;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** 1-based ranks; tied values share the average of the ranks they span (fractional ranking). */
export function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((p, q) => p.x - q.x);
  const ranks = new Array<number>(xs.length);
  let k = 0;
  while (k < order.length) {
    let j = k;
    while (j + 1 < order.length && order[j + 1]?.x === order[k]?.x) j++;
    const rank = (k + j) / 2 + 1;
    for (let m = k; m <= j; m++) ranks[(order[m] as { i: number }).i] = rank;
    k = j + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson on average ranks, so ties are handled exactly. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  assertPaired(a, b);
  return pearson(averageRanks(a), averageRanks(b));
}

/** Mean absolute error, in the units of the inputs. Null when there are no pairs. */
export function meanAbsoluteError(a: readonly number[], b: readonly number[]): number | null {
  assertPaired(a, b);
  if (a.length === 0) return null;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += Math.abs((a[i] as number) - (b[i] as number));
  return s / a.length;
}

/**
 * The band (0–4) of a 0–100 total: round(total / 25), so 0–12.4 → 0, 12.5–37.4 → 1,
 * 37.5–62.4 → 2, 62.5–87.4 → 3, 87.5–100 → 4. Band centres are the criterion levels × 25.
 */
export function scoreBand(total: number): number {
  if (!Number.isFinite(total) || total < 0 || total > 100) throw new RangeError(`total ${total} is outside 0–100`);
  return Math.round(total / 25);
}

/**
 * Cohen's kappa with quadratic weights on integer ratings 0…categories-1:
 * κ = 1 − Σ w·O / Σ w·E with w(i,j) = (i−j)² / (k−1)², O the observed and E the chance-expected
 * (outer product of the marginals) joint distribution. 1 = perfect agreement, 0 = chance level,
 * negative = worse than chance. Null when undefined (no pairs, or both raters use one same category).
 */
export function quadraticWeightedKappa(a: readonly number[], b: readonly number[], categories: number = QWK_BANDS): number | null {
  assertPaired(a, b);
  if (!Number.isInteger(categories) || categories < 2) throw new RangeError('categories must be an integer >= 2');
  for (const x of [...a, ...b]) {
    if (!Number.isInteger(x) || x < 0 || x >= categories) throw new RangeError(`rating ${x} is not an integer in 0..${categories - 1}`);
  }
  const n = a.length;
  if (n === 0) return null;
  const k = categories;
  const observed = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const rowTotals = new Array<number>(k).fill(0);
  const colTotals = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    const r = a[i] as number;
    const c = b[i] as number;
    (observed[r] as number[])[c] = ((observed[r] as number[])[c] as number) + 1;
    rowTotals[r] = (rowTotals[r] as number) + 1;
    colTotals[c] = (colTotals[c] as number) + 1;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = ((i - j) * (i - j)) / ((k - 1) * (k - 1));
      num += (w * ((observed[i] as number[])[j] as number)) / n;
      den += (w * (rowTotals[i] as number) * (colTotals[j] as number)) / (n * n);
    }
  }
  if (den === 0) return null;
  return 1 - num / den;
}

export interface AgreementSummary {
  /** Number of (grader, human) pairs. */
  n: number;
  pearson: number | null;
  spearman: number | null;
  /** Mean absolute error in total points (0–100 scale). */
  mae: number | null;
  /** Quadratic weighted kappa on the 5 bands of `scoreBand`. */
  qwk: number | null;
}

/** All agreement figures for paired grader and human totals on the 0–100 scale. */
export function agreement(grader: readonly number[], human: readonly number[]): AgreementSummary {
  assertPaired(grader, human);
  return {
    n: grader.length,
    pearson: pearson(grader, human),
    spearman: spearman(grader, human),
    mae: meanAbsoluteError(grader, human),
    qwk: grader.length === 0 ? null : quadraticWeightedKappa(grader.map(scoreBand), human.map(scoreBand), QWK_BANDS),
  };
}
