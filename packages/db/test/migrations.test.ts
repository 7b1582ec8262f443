import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle, runMigrations } from '../src/index';
import { importQuestion, upsertBank } from '../src/queries/bank';
import { createTestDatabase, type TestDatabase } from '../src/testing';
import { dbKinds, TEST_DATABASE_URL } from './support';

const rubric = (descriptor: string) => ({
  criteria: ['a', 'b', 'c', 'd'].map((key) => ({
    key,
    title: `Criterion ${key}`,
    weight: 1,
    assesses: 'what this criterion assesses',
    levels: {
      0: `${descriptor} zero`,
      1: `${descriptor} one.`,
      2: `${descriptor} two.`,
      3: `${descriptor} three`,
      4: `${descriptor} four`,
    },
    keyPoints: [{ id: `kp-${key}`, point: 'a key point worth making', synonyms: ['finalizer'] }],
    redFlags: [],
  })),
});

const question = (descriptor: string) => ({
  id: 'sample-question',
  category: 'Deep Dive & Troubleshooting' as const,
  title: 'Sample',
  prompt: 'A sample question prompt that is long enough.',
  difficulty: 2 as const,
  tags: ['sample'],
  timeLimitSec: 300,
  referenceAnswer: 'word '.repeat(200),
  rubric: rubric(descriptor),
});

describe.each(dbKinds)('migrations on %s', (kind) => {
  let testDb: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind, TEST_DATABASE_URL);
    handle = createDb(testDb.url, { max: 3 });
    await runMigrations(handle.pool);
  });
  afterAll(async () => {
    await handle?.close();
    await testDb?.drop();
  });

  it('creates every app table in the app schema', async () => {
    const { rows } = await handle.pool.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'app' order by 1",
    );
    const tables = rows.map((r) => r.table_name);
    for (const t of [
      'organisations',
      'users',
      'memberships',
      'invitations',
      'sessions',
      'question_banks',
      'questions',
      'rubrics',
      'rubric_versions',
      'calibration_answers',
      'interview_templates',
      'template_questions',
      'interviews',
      'interview_items',
      'answers',
      'grades',
      'score_overrides',
      'decisions',
      'audit_log',
    ]) {
      expect(tables).toContain(t);
    }
  });

  it('is idempotent when run again (every process migrates at start-up)', async () => {
    await runMigrations(handle.pool);
    await Promise.all([runMigrations(handle.pool), runMigrations(handle.pool)]);
    const { rows } = await handle.pool.query('select count(*)::int as n from drizzle.__drizzle_migrations');
    // One row per committed migration, however many times and processes ran them.
    const journal = JSON.parse(await readFile(new URL('../migrations/meta/_journal.json', import.meta.url), 'utf8'));
    expect(rows[0].n).toBe(journal.entries.length);
  });

  it('versions a changed rubric and refuses to rewrite a published version', async () => {
    const bank = await upsertBank(handle.db, { orgId: null, slug: `b-${kind}`, name: 'Bank' });
    const first = await importQuestion(handle.db, { bankId: bank.id, orgId: null, question: question('Level') });
    const again = await importQuestion(handle.db, { bankId: bank.id, orgId: null, question: question('Level') });
    expect(first.change).toBe('created');
    expect(again).toEqual({ ...first, change: 'unchanged' });

    const changed = await importQuestion(handle.db, { bankId: bank.id, orgId: null, question: question('Changed') });
    expect(changed.change).toBe('new-version');
    expect(changed.rubricVersionId).not.toBe(first.rubricVersionId);

    await expect(
      handle.pool.query(`update app.rubric_versions set definition = '{}'::jsonb where id = $1`, [first.rubricVersionId]),
    ).rejects.toThrow(/published and immutable/);
    await expect(handle.pool.query('delete from app.rubric_versions where id = $1', [first.rubricVersionId])).rejects.toThrow(
      /cannot be deleted/,
    );
    const { rows } = await handle.pool.query('select definition from app.rubric_versions where id = $1', [first.rubricVersionId]);
    expect(rows[0].definition.criteria[0].levels['0']).toBe('Level zero');
  });
});
