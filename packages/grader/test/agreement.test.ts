import { describe, expect, it } from 'vitest';
import { agreement, averageRanks, meanAbsoluteError, pearson, quadraticWeightedKappa, scoreBand, spearman } from '../src/metrics/agreement';

describe('pearson', () => {
  it('matches a hand-computed value', () => {
    // dx = [-2,-1,0,1,2], dy = [-2,0,1,0,1]: r = 6 / sqrt(10 · 6)
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 12);
  });

  it('is 1 for a positive linear relation and -1 for a negative one', () => {
    expect(pearson([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3, 4], [7, 5, 3, 1])).toBeCloseTo(-1, 12);
  });

  it('is null when undefined: fewer than two pairs, or a constant side', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([3], [4])).toBeNull();
    expect(pearson([1, 2, 3], [5, 5, 5])).toBeNull();
  });

  it('rejects unpaired or non-finite input', () => {
    expect(() => pearson([1, 2], [1])).toThrow(RangeError);
    expect(() => pearson([1, Number.NaN], [1, 2])).toThrow(RangeError);
  });
});

describe('spearman', () => {
  it('gives tied values the average of their ranks', () => {
    expect(averageRanks([10, 20, 20, 30])).toEqual([1, 2.5, 2.5, 4]);
    expect(averageRanks([3, 1, 3, 3])).toEqual([3, 1, 3, 3]);
    expect(averageRanks([])).toEqual([]);
  });

  it('matches the textbook IQ vs TV-hours example (rho = -29/165)', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearman(iq, tv)).toBeCloseTo(-29 / 165, 12);
  });

  it('handles ties exactly (Pearson on average ranks)', () => {
    // ranks of y = [1, 2.5, 2.5, 4]: r = 4.5 / sqrt(5 · 4.5) = 3 / sqrt(10)
    expect(spearman([1, 2, 3, 4], [1, 2, 2, 3])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it('is 1 for any monotonic relation', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 4, 9, 16, 1000])).toBeCloseTo(1, 12);
  });
});

describe('meanAbsoluteError', () => {
  it('averages absolute differences', () => {
    expect(meanAbsoluteError([0, 50, 100], [10, 40, 100])).toBeCloseTo(20 / 3, 12);
    expect(meanAbsoluteError([], [])).toBeNull();
  });
});

describe('scoreBand', () => {
  it('buckets 0–100 into five bands by round(total / 25)', () => {
    const cases: Array<[number, number]> = [
      [0, 0],
      [12.4, 0],
      [12.5, 1],
      [37.4, 1],
      [37.5, 2],
      [62.4, 2],
      [62.5, 3],
      [87.4, 3],
      [87.5, 4],
      [100, 4],
    ];
    for (const [total, band] of cases) expect(scoreBand(total), `total ${total}`).toBe(band);
  });

  it('rejects totals outside 0–100', () => {
    expect(() => scoreBand(-1)).toThrow(RangeError);
    expect(() => scoreBand(100.5)).toThrow(RangeError);
  });
});

describe('quadraticWeightedKappa', () => {
  it('is 1 for identical ratings', () => {
    expect(quadraticWeightedKappa([0, 1, 2, 3, 4, 2], [0, 1, 2, 3, 4, 2])).toBeCloseTo(1, 12);
  });

  it('is -1 for perfectly inverted ratings over all five bands', () => {
    expect(quadraticWeightedKappa([0, 1, 2, 3, 4], [4, 3, 2, 1, 0])).toBeCloseTo(-1, 12);
  });

  it("equals Cohen's kappa on two categories (textbook 2×2 example: kappa = 0.4)", () => {
    // 50 items: both yes 20, A yes/B no 5, A no/B yes 10, both no 15 → po 0.7, pe 0.5.
    const a = [...Array(20).fill(1), ...Array(5).fill(1), ...Array(10).fill(0), ...Array(15).fill(0)];
    const b = [...Array(20).fill(1), ...Array(5).fill(0), ...Array(10).fill(1), ...Array(15).fill(0)];
    expect(quadraticWeightedKappa(a, b, 2)).toBeCloseTo(0.4, 12);
    // Quadratic weights scale by a constant when more categories are declared, so kappa is unchanged.
    expect(quadraticWeightedKappa(a, b, 5)).toBeCloseTo(0.4, 12);
  });

  it('matches a hand-computed three-category value (0.8)', () => {
    // Σw·O = 1/12, Σw·E = 5/12 → kappa = 1 − 1/5.
    expect(quadraticWeightedKappa([0, 1, 2], [0, 2, 2], 3)).toBeCloseTo(0.8, 12);
  });

  it('penalises distant disagreements more than adjacent ones', () => {
    const truth = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4];
    const adjacent = [1, 1, 2, 3, 3, 0, 2, 2, 3, 4];
    const distant = [4, 1, 2, 3, 0, 0, 2, 2, 3, 4];
    const k1 = quadraticWeightedKappa(truth, adjacent) as number;
    const k2 = quadraticWeightedKappa(truth, distant) as number;
    expect(k1).toBeGreaterThan(k2);
    expect(k1).toBeLessThan(1);
  });

  it('is null when undefined and rejects ratings outside the categories', () => {
    expect(quadraticWeightedKappa([], [])).toBeNull();
    expect(quadraticWeightedKappa([2, 2, 2], [2, 2, 2])).toBeNull();
    expect(() => quadraticWeightedKappa([5], [0])).toThrow(RangeError);
    expect(() => quadraticWeightedKappa([1.5], [0])).toThrow(RangeError);
  });
});

describe('agreement', () => {
  it('computes every figure on totals, with QWK on bands', () => {
    const grader = [95, 70, 40, 10, 0];
    const human = [90, 60, 50, 20, 5];
    const a = agreement(grader, human);
    expect(a.n).toBe(5);
    expect(a.pearson).toBeCloseTo(pearson(grader, human) as number, 12);
    expect(a.spearman).toBeCloseTo(1, 12);
    expect(a.mae).toBeCloseTo(8, 12); // (5 + 10 + 10 + 10 + 5) / 5
    // Bands: grader [4,3,2,0,0], human [4,2,2,1,0].
    expect(a.qwk).toBeCloseTo(quadraticWeightedKappa([4, 3, 2, 0, 0], [4, 2, 2, 1, 0]) as number, 12);
  });

  it('reports nulls for an empty sample', () => {
    expect(agreement([], [])).toEqual({ n: 0, pearson: null, spearman: null, mae: null, qwk: null });
  });
});
