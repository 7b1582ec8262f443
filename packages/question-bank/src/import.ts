import type { Db } from '@interview/db';
import { importQuestion, importTemplate, upsertBank } from '@interview/db/queries/bank';
import type { LoadedBank } from './load';

export const BUILTIN_BANK = { slug: 'kubernetes-sre', name: 'Kubernetes & SRE' } as const;

export interface ImportSummary {
  created: number;
  newVersions: number;
  updated: number;
  unchanged: number;
  templates: number;
}

/** Upserts a loaded bank into an organisation's bank (orgId null = the built-in bank). Idempotent. */
export async function importBank(
  db: Db,
  bank: LoadedBank,
  target: { orgId: string | null; slug?: string; name?: string },
): Promise<ImportSummary> {
  if (bank.issues.length > 0) {
    throw new Error(`bank has ${bank.issues.length} problems; run \`pnpm bank validate\` first`);
  }
  const row = await upsertBank(db, { orgId: target.orgId, slug: target.slug ?? BUILTIN_BANK.slug, name: target.name ?? BUILTIN_BANK.name });
  const summary: ImportSummary = { created: 0, newVersions: 0, updated: 0, unchanged: 0, templates: 0 };
  for (const question of bank.questions) {
    const outcome = await importQuestion(db, { bankId: row.id, orgId: target.orgId, question });
    if (outcome.change === 'created') summary.created++;
    else if (outcome.change === 'new-version') summary.newVersions++;
    else if (outcome.change === 'updated') summary.updated++;
    else summary.unchanged++;
  }
  for (const template of bank.templates) {
    await importTemplate(db, { bankId: row.id, orgId: target.orgId, template });
    summary.templates++;
  }
  return summary;
}
