import { describe, expect, it } from 'vitest';
import { practiceTrend, trendSummary } from '../src/features/candidate/practice/TrendChart';
import { anchorHomes, gradedText, locate, quotesOf, segmentsOf } from '../src/features/candidate/results/evidence';
import type { QuestionResult } from '../src/features/candidate/types';
import { formatClock, formatLimit, formatScore } from '../src/ui/format';

const MAIN = 'Pods are scheduled by requests. The node is full.';
const FOLLOW = {
  itemId: '00000000-0000-4000-8000-000000000002',
  prompt: 'What is allocatable?',
  answerText: '  Capacity minus reserved.  ',
};

function result(evidence: { quote: string; start: number; end: number }[][]): QuestionResult {
  return {
    itemId: '00000000-0000-4000-8000-000000000001',
    questionTitle: 'Missing CPU',
    answerText: MAIN,
    answerStatus: 'graded',
    followups: [FOLLOW],
    grade: {
      id: '00000000-0000-4000-8000-000000000003',
      status: 'done',
      grader: 'offline',
      model: null,
      rubricVersionId: '00000000-0000-4000-8000-000000000004',
      aiTotal: 50,
      total: 50,
      criteria: evidence.map((ev, i) => ({
        key: `c${i}`,
        title: `Criterion ${i}`,
        score: 2,
        reasoning: '',
        evidence: ev,
        keyPointsCovered: [],
        keyPointsMissed: [],
        needsReview: false,
      })),
      strengths: [],
      improvements: [],
      keyPointsCovered: [],
      keyPointsMissed: [],
      flags: [],
    },
  };
}

describe('candidate results: evidence in the answer', () => {
  it('rebuilds the graded text as the server does, follow-up answers trimmed', () => {
    const { text, passages } = gradedText(result([]));
    expect(text).toBe(`${MAIN}\n\nFollow-up question: What is allocatable?\nAnswer: Capacity minus reserved.`);
    expect(passages.map((p) => text.slice(p.offset, p.offset + p.text.length))).toEqual([MAIN, 'Capacity minus reserved.']);
  });

  it('uses offsets that match, else finds the quote ignoring case and spacing, else gives up', () => {
    expect(locate(MAIN, 'scheduled by requests', 9, 30)).toEqual([9, 30]);
    expect(locate(MAIN, 'THE  node is', 0, 3)).toEqual([32, 43]);
    expect(locate(MAIN, 'not there', 0, 9)).toBeNull();
  });

  it('marks overlapping quotes of two criteria and places each anchor once, in the answer it quotes', () => {
    const q = result([
      [{ quote: 'scheduled by requests', start: 9, end: 30 }],
      [
        { quote: 'by requests. The node', start: 19, end: 40 },
        { quote: 'Capacity minus', start: 0, end: 0 },
        { quote: 'Follow-up question: What', start: 0, end: 0 },
      ],
    ]);
    const { text, passages } = gradedText(q);
    const quotes = quotesOf(q, text);
    const homes = anchorHomes(passages, quotes);
    // The quote of the follow-up's prompt is not the candidate's words: no anchor, no highlight.
    expect([...homes.values()]).toEqual(['main', 'main', FOLLOW.itemId]);
    const main = segmentsOf(passages[0]!, quotes, homes);
    expect(main.map((s) => [s.text, s.criteria])).toEqual([
      ['Pods are ', []],
      ['scheduled ', [0]],
      ['by requests', [0, 1]],
      ['. The node', [1]],
      [' is full.', []],
    ]);
    expect(main.flatMap((s) => s.anchors)).toHaveLength(2);
    const follow = segmentsOf(passages[1]!, quotes, homes);
    expect(follow.map((s) => [s.text, s.criteria])).toEqual([
      ['Capacity minus', [1]],
      [' reserved.', []],
    ]);
  });
});

describe('candidate practice trend and formats', () => {
  const summary = (total: number | null, finishedAt: string | null, mode: 'practice' | 'assessment' = 'practice') =>
    ({ mode, total, finishedAt, templateName: 'Warm-up' }) as Parameters<typeof practiceTrend>[0][number];

  it('keeps finished practice totals, oldest first, and says in words how they moved', () => {
    const points = practiceTrend([
      summary(70, '2025-05-03T10:00:00Z'),
      summary(null, null),
      summary(90, '2025-05-04T10:00:00Z', 'assessment'),
      summary(42.5, '2025-05-01T10:00:00Z'),
    ]);
    expect(points.map((p) => p.total)).toEqual([42.5, 70]);
    expect(trendSummary(points)).toMatch(/^2 practice interviews .*first total 43, latest 70 \(up 28 points\), best 70 out of 100\.$/);
    expect(trendSummary([])).toBe('No practice totals yet.');
  });

  it('formats limits, countdowns and totals', () => {
    expect([formatLimit(45), formatLimit(300), formatLimit(5400)]).toEqual(['45 s', '5 min', '1 h 30 min']);
    expect([formatClock(61_000), formatClock(59_001), formatClock(-5), formatClock(3_723_000)]).toEqual([
      '1:01',
      '1:00',
      '0:00',
      '1:02:03',
    ]);
    expect([formatScore(43.66), formatScore(80)]).toEqual(['43.7', '80']);
  });
});
