import { describe, expect, it } from 'vitest';
import { contentStems, segment, stem, tokenize } from '../src/index';

describe('Porter stemmer', () => {
  it.each([
    ['caresses', 'caress'],
    ['ponies', 'poni'],
    ['cats', 'cat'],
    ['agreed', 'agre'],
    ['plastered', 'plaster'],
    ['motoring', 'motor'],
    ['hopping', 'hop'],
    ['filing', 'file'],
    ['happy', 'happi'],
    ['relational', 'relat'],
    ['conditional', 'condit'],
    ['finalizers', 'final'],
    ['finalizer', 'final'],
    ['finally', 'final'],
    ['generalization', 'gener'],
    ['electrical', 'electr'],
    ['adjustment', 'adjust'],
    ['controlling', 'control'],
    ['controllers', 'control'],
    ['rolling', 'roll'],
    ['k8s', 'k8s'],
  ])('%s → %s', (word, expected) => {
    expect(stem(word)).toBe(expected);
  });
});

describe('tokenize', () => {
  it('splits camelCase and keeps offsets into the original text', () => {
    const text = 'Set metadata.deletionTimestamp now';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.word)).toEqual(['set', 'metadata', 'deletion', 'timestamp', 'now']);
    for (const t of tokens) expect(text.slice(t.start, t.end).toLowerCase()).toBe(t.word);
  });

  it('expands negative contractions so negation survives', () => {
    expect(tokenize("it doesn't and can't, it cannot").map((t) => t.word)).toEqual([
      'it',
      'does',
      'not',
      'and',
      'can',
      'not',
      'it',
      'can',
      'not',
    ]);
  });

  it('treats multi-word phrases and their camelCase form alike', () => {
    expect(contentStems('deletion timestamp')).toEqual(contentStems('deletionTimestamp'));
    expect(contentStems('the finalizers are removed')).toEqual(['final', 'remov']);
  });
});

describe('segment', () => {
  it('splits sentences and lines with offsets', () => {
    const text = 'One sentence here. Another one!\nA third line';
    expect(segment(text).map((s) => s.text)).toEqual(['One sentence here.', 'Another one!', 'A third line']);
    for (const s of segment(text)) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('does not split inside dotted identifiers', () => {
    expect(segment('Check metadata.finalizers first. Then act.')).toHaveLength(2);
  });

  it('windows a long unpunctuated transcript', () => {
    const text = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const parts = segment(text);
    expect(parts.length).toBeGreaterThan(2);
    for (const s of parts) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
