import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
const bank = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['--import', 'tsx', 'packages/question-bank/src/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });

type Listed = { id: string; title: string; category: string; prompt: string; referenceAnswer: string; rubric: { criteria: unknown[] } };

describe('pnpm bank CLI', () => {
  it('list --json prints the 100 full question objects', async () => {
    const { stdout } = await bank(['list', '--json']);
    const questions = JSON.parse(stdout) as Listed[];
    expect(questions).toHaveLength(100);
    expect(new Set(questions.map((q) => q.category)).size).toBe(7);
    for (const q of questions) {
      expect(q).toMatchObject({
        id: expect.any(String),
        title: expect.any(String),
        prompt: expect.any(String),
        referenceAnswer: expect.any(String),
      });
      expect(q.rubric.criteria.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('validate exits 1 and names the file and field of a broken question', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bank-bad-'));
    try {
      await writeFile(join(dir, 'bad.yaml'), 'id: Not A Slug\ncategory: Cooking\ntitle: x\n');
      const err = (await bank(['validate', dir]).catch((e) => e)) as { code: number; stderr: string };
      expect(err.code).toBe(1);
      expect(err.stderr).toMatch(/bad\.yaml: .*id: must be a lower-case kebab-case slug/);
      expect(err.stderr).toMatch(/category/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('import then list --db reads the bank back from the embedded database', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'bank-cli-'));
    try {
      const imported = await bank(['import', 'packages/question-bank'], { DATA_DIR: dataDir });
      expect(JSON.parse(imported.stdout)).toMatchObject({ created: 100, templates: 9 });
      const { stdout } = await bank(['list', '--json', '--db'], { DATA_DIR: dataDir });
      expect((JSON.parse(stdout) as Listed[]).length).toBe(100);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
