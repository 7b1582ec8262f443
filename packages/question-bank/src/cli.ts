import { resolve } from 'node:path';
import { connectDatabase } from '@interview/db';
import { findOrganisationBySlug } from '@interview/db/queries/orgs';
import { exportBank, writeBankFiles } from './export';
import { importBank } from './import';
import { loadBank } from './load';

// CLI entry point (a composition root): DATABASE_URL or the embedded database under DATA_DIR.
const [command = 'help', ...args] = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !args[i - 1]?.match(/^--(org|out)$/));

async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof connectDatabase>>, orgId: string | null) => Promise<T>): Promise<T> {
  const db = await connectDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR || './.data',
    poolMax: 2,
  });
  try {
    const slug = flag('org');
    const org = slug ? await findOrganisationBySlug(db.db, { slug }) : null;
    if (slug && !org) throw new Error(`no organisation with slug "${slug}"`);
    return await fn(db, org?.id ?? null);
  } finally {
    await db.close();
  }
}

const commands: Record<string, () => Promise<number>> = {
  async validate() {
    const bank = await loadBank(positional[0]);
    for (const issue of bank.issues) console.error(`✗ ${issue.file}: ${issue.message}`);
    console.log(`${bank.questions.length} questions, ${bank.templates.length} templates, ${bank.issues.length} problems`);
    return bank.issues.length === 0 ? 0 : 1;
  },
  async list() {
    // --db lists what the running profile's database holds (DATABASE_URL or the embedded one).
    const bank = args.includes('--db')
      ? { ...(await withDatabase((db, orgId) => exportBank(db.db, { orgId }))), issues: [] }
      : await loadBank(positional[0]);
    for (const issue of bank.issues) console.error(`✗ ${issue.file}: ${issue.message}`);
    if (args.includes('--json')) console.log(JSON.stringify(bank.questions, null, 2));
    else for (const q of bank.questions) console.log(`${q.category.padEnd(42)} ${q.id}`);
    return bank.issues.length === 0 ? 0 : 1;
  },
  async import() {
    if (!positional[0]) throw new Error('usage: pnpm bank import <file|dir> [--org slug]');
    const bank = await loadBank(resolve(positional[0]));
    const summary = await withDatabase((db, orgId) => importBank(db.db, bank, { orgId }));
    console.log(JSON.stringify(summary));
    return 0;
  },
  async export() {
    const out = flag('out');
    if (!out) throw new Error('usage: pnpm bank export [--org slug] --out <dir>');
    const bank = await withDatabase((db, orgId) => exportBank(db.db, { orgId }));
    await writeBankFiles(resolve(out), bank);
    console.log(`wrote ${bank.questions.length} questions and ${bank.templates.length} templates to ${out}`);
    return 0;
  },
};

const run = commands[command];
if (!run) {
  console.log('usage: pnpm bank validate [path] | list [--json] [path] | import <file|dir> [--org slug] | export [--org slug] --out <dir>');
  process.exitCode = command === 'help' ? 0 : 2;
} else {
  try {
    process.exitCode = await run();
  } catch (err) {
    console.error((err as Error).message);
    process.exitCode = 1;
  }
}
