import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type Connected, connectDatabase } from '@interview/db';
import { upsertOrganisation } from '@interview/db/queries/orgs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBank, writeBankFiles } from '../src/export';
import { importBank } from '../src/import';
import { loadBank } from '../src/load';

async function readTree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = join(entry.parentPath, entry.name);
      out[relative(dir, full)] = await readFile(full, 'utf8');
    }
  }
  return out;
}

describe('bank import/export on the embedded database', () => {
  let db: Connected;
  let tmp: string;

  beforeAll(async () => {
    db = await connectDatabase({});
    tmp = await mkdtemp(join(tmpdir(), 'bank-'));
  });
  afterAll(async () => {
    await db?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('export → import → export produces no diff, and re-import changes nothing', async () => {
    const source = await loadBank();
    const first = await importBank(db.db, source, { orgId: null });
    expect(first.created).toBe(source.questions.length);

    const exported = await exportBank(db.db, { orgId: null });
    // What comes out of the database is what went in.
    expect(exported.questions).toEqual([...source.questions].sort((a, b) => a.id.localeCompare(b.id)));
    await writeBankFiles(join(tmp, 'a'), exported);

    const org = await upsertOrganisation(db.db, { slug: 'acme', name: 'Acme' });
    const again = await importBank(db.db, await loadBank(join(tmp, 'a')), { orgId: org.id });
    expect(again.created).toBe(source.questions.length);
    await writeBankFiles(join(tmp, 'b'), await exportBank(db.db, { orgId: org.id }));
    expect(await readTree(join(tmp, 'b'))).toEqual(await readTree(join(tmp, 'a')));

    const unchanged = await importBank(db.db, await loadBank(join(tmp, 'a')), { orgId: org.id });
    expect(unchanged).toMatchObject({ created: 0, newVersions: 0, unchanged: source.questions.length });
  });

  it('a changed rubric becomes a new version; the published one stays as it was', async () => {
    const bank = await loadBank();
    const q = structuredClone(bank.questions[0]!);
    const before = await db.pool.query(
      `select v.id, v.definition from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
       join app.questions qu on qu.id = r.question_id where qu.slug = $1 and r.org_id is null order by v.version`,
      [q.id],
    );
    q.rubric.criteria[0]!.weight += 1;
    const summary = await importBank(db.db, { questions: [q], templates: [], issues: [] }, { orgId: null });
    expect(summary.newVersions).toBe(1);
    const after = await db.pool.query(
      `select v.id, v.version, v.definition from app.rubric_versions v join app.rubrics r on r.id = v.rubric_id
       join app.questions qu on qu.id = r.question_id where qu.slug = $1 and r.org_id is null order by v.version`,
      [q.id],
    );
    expect(after.rows).toHaveLength(before.rows.length + 1);
    expect(after.rows[0].definition).toEqual(before.rows[0].definition);
    expect(after.rows.at(-1).definition.criteria[0].weight).toBe(q.rubric.criteria[0]!.weight);
  });
});
