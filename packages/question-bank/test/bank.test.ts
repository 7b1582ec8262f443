import { readFile } from 'node:fs/promises';
import { CATEGORIES } from '@interview/contracts';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../src/load';

const SEED = new URL('../seed/kubernetes-interview-questions.md', import.meta.url);

/** The 100-item list's bold titles, in order (the seed repeats 20 of them in a longer first section). */
async function seedTitles(): Promise<string[]> {
  const text = await readFile(SEED, 'utf8');
  const list = text.slice(text.indexOf('(1-15)'));
  return [...list.matchAll(/^\d+\.\s+\*\*(.+?):\*\*/gm)].map((m) => m[1]!);
}

describe('the shipped question bank', async () => {
  const bank = await loadBank();

  it('validates every file with no problems', () => {
    expect(bank.issues).toEqual([]);
  });

  it('holds exactly the seed’s 100 unique questions, by title, in its 7 categories', async () => {
    const titles = await seedTitles();
    expect(titles).toHaveLength(100);
    expect(new Set(titles).size).toBe(100);
    expect(bank.questions.map((q) => q.title).sort()).toEqual([...titles].sort());
    expect(new Set(bank.questions.map((q) => q.category))).toEqual(new Set(CATEGORIES));
  });

  it('has unique ids and a 4–6 criterion rubric with positive weights for every question', () => {
    expect(new Set(bank.questions.map((q) => q.id)).size).toBe(bank.questions.length);
    for (const q of bank.questions) {
      expect(q.rubric.criteria.length, q.id).toBeGreaterThanOrEqual(4);
      expect(q.rubric.criteria.length, q.id).toBeLessThanOrEqual(6);
      for (const c of q.rubric.criteria) {
        expect(c.weight, `${q.id}/${c.key}`).toBeGreaterThan(0);
        expect(Object.keys(c.levels).sort(), `${q.id}/${c.key}`).toEqual(['0', '1', '2', '3', '4']);
        expect(c.keyPoints.length, `${q.id}/${c.key}`).toBeGreaterThan(0);
        for (const kp of c.keyPoints) expect(kp.synonyms.length, `${q.id}/${kp.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('keeps the richer wording for the 20 questions the seed states twice', async () => {
    const text = await readFile(SEED, 'utf8');
    const early = text.slice(0, text.indexOf('(1-15)'));
    const longWordings = [...early.matchAll(/^\d+\.\s+\*\*(.+?):\*\*\s+(.+)$/gm)];
    expect(longWordings).toHaveLength(20);
    for (const [, , wording] of longWordings) {
      const q = bank.questions.find((x) => x.prompt.replace(/\s+/g, ' ').trim() === wording!.trim());
      expect(q, wording!.slice(0, 60)).toBeDefined();
    }
  });

  it('ships templates that reference real questions', () => {
    expect(bank.templates.length).toBeGreaterThan(0);
    const ids = new Set(bank.questions.map((q) => q.id));
    for (const t of bank.templates) for (const qid of t.questions) expect(ids.has(qid), `${t.id} → ${qid}`).toBe(true);
  });
});
