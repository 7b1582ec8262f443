import type { RubricDefinition } from '@interview/contracts';
import { describe, expect, it } from 'vitest';
import { verifyEvidence, weightedTotal } from '../src/index';

describe('verifyEvidence', () => {
  const answer = 'First line.\n  The API   server sets\tmetadata.deletionTimestamp; it isn’t a “phase”.\nDone.';

  it('returns the verbatim span of the original answer with offsets', () => {
    const [e] = verifyEvidence(answer, ['the api server sets metadata.deletionTimestamp']);
    expect(e).toBeDefined();
    expect(e?.quote).toBe('The API   server sets\tmetadata.deletionTimestamp');
    expect(answer.slice(e?.start, e?.end)).toBe(e?.quote);
    expect(e?.start).toBe(answer.indexOf('The API'));
  });

  it('tolerates case, whitespace and straight/curly quote differences', () => {
    const evidence = verifyEvidence(answer, ['IT ISN\'T A "PHASE"', 'it isn’t a “phase”.']);
    expect(evidence.map((e) => e.quote)).toEqual(['it isn’t a “phase”', 'it isn’t a “phase”.']);
    for (const e of evidence) expect(answer.slice(e.start, e.end)).toBe(e.quote);
  });

  it('matches across a line break', () => {
    const [e] = verifyEvidence(answer, ['first line. the api server']);
    expect(e?.quote).toBe('First line.\n  The API   server');
    expect(e?.start).toBe(0);
  });

  it('drops quotes that are not in the answer, trivial quotes and duplicates', () => {
    const evidence = verifyEvidence(answer, ['the kubelet sends SIGTERM', '', ' . ', 'done.', 'DONE.']);
    expect(evidence).toEqual([{ quote: 'Done.', start: answer.length - 5, end: answer.length }]);
  });

  it('strips wrapping quotes and ellipses a model adds, but only when needed', () => {
    const [e] = verifyEvidence(answer, ['"...server sets metadata.deletionTimestamp..."']);
    expect(e?.quote).toBe('server sets\tmetadata.deletionTimestamp');
  });

  it('maps offsets correctly after astral characters', () => {
    const text = '🚀 Rockets aside, finalizers block deletion.';
    const [e] = verifyEvidence(text, ['FINALIZERS block']);
    expect(e?.quote).toBe('finalizers block');
    expect(text.slice(e?.start, e?.end)).toBe('finalizers block');
  });
});

const rubric = {
  criteria: ['a', 'b', 'c', 'd'].map((key, i) => ({
    key,
    title: `Criterion ${key}`,
    weight: [3, 1, 2, 2][i] as number,
    assesses: 'something worth assessing',
    levels: { 0: 'level zero text', 1: 'level one text', 2: 'level two text', 3: 'level three text', 4: 'level four text' },
    keyPoints: [{ id: `kp-${key}`, point: 'a point to make here', synonyms: ['point'] }],
    redFlags: [],
  })),
} satisfies RubricDefinition;

describe('weightedTotal', () => {
  it('is the weighted mean of score/4 on 0–100', () => {
    expect(weightedTotal(rubric, { a: 4, b: 4, c: 4, d: 4 })).toBe(100);
    expect(weightedTotal(rubric, { a: 0, b: 0, c: 0, d: 0 })).toBe(0);
    // (3·4 + 1·0 + 2·2 + 2·3) / 4 / 8 = 22/32
    expect(weightedTotal(rubric, { a: 4, b: 0, c: 2, d: 3 })).toBe(68.8);
  });

  it('leaves out null and missing criteria, and is null when all are null', () => {
    // only a (w3, 4) and c (w2, 2): (12 + 4) / 4 / 5 = 0.8
    expect(weightedTotal(rubric, { a: 4, b: null, c: 2 })).toBe(80);
    expect(weightedTotal(rubric, { a: null, b: null, c: null, d: null })).toBeNull();
    expect(weightedTotal(rubric, {})).toBeNull();
  });

  it('accepts criterion grades as an array', () => {
    expect(
      weightedTotal(rubric, [
        { key: 'a', score: 2 },
        { key: 'b', score: 2 },
        { key: 'c', score: null },
        { key: 'd', score: 2 },
      ]),
    ).toBe(50);
  });

  it('rejects scores outside 0–4', () => {
    expect(() => weightedTotal(rubric, { a: 5 })).toThrow(RangeError);
    expect(() => weightedTotal(rubric, { a: 1.5 })).toThrow(RangeError);
  });
});
