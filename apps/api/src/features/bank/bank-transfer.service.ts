import type { ImportResult } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { recordAudit } from '@interview/db/queries/audit';
import { importQuestion, rubricContentHash, upsertBank } from '@interview/db/queries/bank';
import { getVisibleVersion, importOrgRubricVersion, listOrgRubricsForExport } from '@interview/db/queries/rubrics';
import {
  findVisibleQuestionsBySlug,
  listTemplateQuestionDetails,
  listVisibleTemplates,
  orgTemplateBySlug,
  saveOrgTemplate,
} from '@interview/db/queries/templates';
import { toQuestionFile } from '@interview/question-bank';
import type { z } from 'zod';
import { AppError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { type BankEntry, parseBankYaml, type QuestionDoc, type TemplateDoc, toBankYaml, type YamlIssue } from './bank-yaml';

/** Where an organisation's own questions live (created by imports of questions the built-in bank lacks). */
const ORG_BANK = { slug: 'custom', name: 'Custom questions' } as const;

class InvalidImportError extends AppError {
  constructor(code: 'invalid_yaml' | 'invalid_bank', message: string, issues: YamlIssue[]) {
    super(400, code, message, issues.slice(0, 100));
  }
}

type QuestionRef = { id: string; bankOrgId: string | null };
type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/**
 * YAML export and import of an organisation's rubrics and templates, in the question bank's file
 * format. Built-in questions are never rewritten: a rubric for one becomes the organisation's own
 * rubric; a changed rubric becomes a new published version, never an edit of an old one.
 */
export function createBankTransferService(deps: { db: Db }) {
  const { db } = deps;

  /** Question slugs resolve to the organisation's own bank first, then the built-in one. */
  async function resolveSlugs(me: Principal, slugs: string[]) {
    const rows = await findVisibleQuestionsBySlug(db, { slugs: [...new Set(slugs)], orgId: me.orgId });
    const bySlug = new Map<string, QuestionRef>();
    for (const r of rows) {
      const current = bySlug.get(r.slug);
      if (!current || (current.bankOrgId === null && r.bankOrgId !== null)) bySlug.set(r.slug, { id: r.id, bankOrgId: r.bankOrgId });
    }
    return bySlug;
  }

  function checkTemplates(entries: BankEntry[], known: Map<string, QuestionRef>): YamlIssue[] {
    const imported = new Set(entries.flatMap((e) => (e.kind === 'question' ? [e.doc.id] : [])));
    return entries.flatMap((e) => {
      if (e.kind !== 'template') return [];
      const unknown = e.doc.questions.filter((s) => !imported.has(s) && !known.has(s));
      const strayLimits = Object.keys(e.doc.questionTimeLimitsSec ?? {}).filter((s) => !e.doc.questions.includes(s));
      return [
        ...unknown.map((s) => ({ path: `${e.path}.questions`, message: `unknown question "${s}"` })),
        ...strayLimits.map((s) => ({ path: `${e.path}.questionTimeLimitsSec`, message: `"${s}" is not one of the template's questions` })),
      ];
    });
  }

  async function importQuestionDoc(tx: Tx, me: Principal, doc: QuestionDoc, known: Map<string, QuestionRef>, result: ImportResult) {
    const { rubricName, ...question } = doc;
    const existing = known.get(doc.id);
    const record = (r: { rubricId: string; versionId: string; change: ImportResult['rubrics'][number]['change'] }, name: string) =>
      result.rubrics.push({ ...r, questionSlug: doc.id, name });
    let questionId = existing?.id;
    // A new question, or the default rubric of the organisation's own question: the file's content
    // (question and rubric) goes through the bank importer. Built-in questions are never written.
    if (!existing || (existing.bankOrgId !== null && rubricName === 'default')) {
      const bank = await upsertBank(tx as unknown as Db, { orgId: me.orgId, ...ORG_BANK });
      // importQuestion nests its own transaction, which becomes a savepoint inside this one.
      const outcome = await importQuestion(tx as unknown as Db, { bankId: bank.id, orgId: me.orgId, question });
      questionId = outcome.questionId;
      known.set(doc.id, { id: questionId, bankOrgId: me.orgId });
      if (outcome.change === 'created') result.questions.created++;
      else if (outcome.change === 'updated') result.questions.updated++;
      else result.questions.unchanged++;
      if (rubricName === 'default') {
        const version = await getVisibleVersion(tx, { versionId: outcome.rubricVersionId, orgId: me.orgId });
        const change = rubricChange(outcome.change, !existing);
        record({ rubricId: version!.rubric.id, versionId: outcome.rubricVersionId, change }, 'default');
        return;
      }
    }
    // Otherwise the rubric becomes (a new version of) the organisation's rubric of that name.
    const definition = question.rubric;
    const outcome = await importOrgRubricVersion(tx, {
      orgId: me.orgId,
      questionId: questionId!,
      name: rubricName,
      definition,
      contentHash: rubricContentHash(definition),
      createdBy: me.userId,
    });
    record(outcome, rubricName);
  }

  return {
    async exportYaml(me: Principal, orgName: string) {
      const rubrics = await listOrgRubricsForExport(db, { orgId: me.orgId });
      const questionDocs: z.input<typeof QuestionDoc>[] = rubrics.map(({ rubric, question, definition }) => ({
        ...toQuestionFile(question, definition),
        ...(rubric.name === 'default' ? {} : { rubricName: rubric.name }),
      }));
      const own = (await listVisibleTemplates(db, { orgId: me.orgId })).filter((t) => t.template.orgId === me.orgId);
      const templateDocs: z.input<typeof TemplateDoc>[] = [];
      for (const { template: t } of own) {
        const questions = await listTemplateQuestionDetails(db, { templateId: t.id });
        const overrides = questions.filter((q) => q.timeLimitOverrideSec !== null);
        templateDocs.push({
          id: t.slug,
          name: t.name,
          description: t.description,
          mode: t.mode,
          answerModes: t.answerModes,
          followupsPerQuestion: t.followupsPerQuestion,
          totalTimeLimitSec: t.totalTimeLimitSec,
          questions: questions.map((q) => q.slug),
          ...(overrides.length === 0
            ? {}
            : { questionTimeLimitsSec: Object.fromEntries(overrides.map((q) => [q.slug, q.timeLimitOverrideSec!])) }),
        });
      }
      const header = [
        `Rubrics and templates of ${orgName}, exported ${new Date().toISOString()}.`,
        'Latest published versions only; drafts are not exported. Import with POST /api/rubrics/import.',
      ].join('\n');
      return toBankYaml([...questionDocs, ...templateDocs], header);
    },

    async importYaml(me: Principal, text: string): Promise<ImportResult> {
      const { entries, syntax, invalid } = parseBankYaml(text);
      if (syntax.length > 0) throw new InvalidImportError('invalid_yaml', 'The YAML could not be parsed', syntax);
      const slugs = entries.flatMap((e) => (e.kind === 'question' ? [e.doc.id] : e.doc.questions));
      const known = await resolveSlugs(me, slugs);
      invalid.push(...checkTemplates(entries, known));
      if (invalid.length > 0) throw new InvalidImportError('invalid_bank', 'The file does not match the bank format', invalid);

      const result: ImportResult = { questions: { created: 0, updated: 0, unchanged: 0 }, rubrics: [], templates: [] };
      // All or nothing: a failure half-way leaves the organisation as it was.
      await db.transaction(async (tx) => {
        // Default rubrics first, so a named rubric for a new question finds the question created.
        const questionEntries = entries.flatMap((e) => (e.kind === 'question' ? [e.doc] : []));
        questionEntries.sort((a, b) => Number(b.rubricName === 'default') - Number(a.rubricName === 'default'));
        for (const doc of questionEntries) await importQuestionDoc(tx, me, doc, known, result);
        for (const e of entries) if (e.kind === 'template') result.templates.push(await importTemplateDoc(tx, me, e.doc, known));
      });
      await recordAudit(db, {
        orgId: me.orgId,
        actorId: me.userId,
        action: 'rubric.import',
        targetType: 'organisation',
        targetId: me.orgId,
        data: {
          questions: result.questions,
          rubrics: result.rubrics.map((r) => ({ slug: r.questionSlug, name: r.name, change: r.change })),
          templates: result.templates.map((t) => ({ slug: t.slug, change: t.change })),
        },
      });
      return result;
    },
  };
}

function rubricChange(questionChange: 'created' | 'new-version' | 'updated' | 'unchanged', questionIsNew: boolean) {
  if (questionIsNew) return 'created' as const;
  return questionChange === 'new-version' ? ('new-version' as const) : ('unchanged' as const);
}

async function importTemplateDoc(tx: Tx, me: Principal, doc: TemplateDoc, known: Map<string, QuestionRef>) {
  const existing = await orgTemplateBySlug(tx, { orgId: me.orgId, slug: doc.id });
  const { templateId } = await saveOrgTemplate(tx, {
    orgId: me.orgId,
    templateId: existing?.id,
    fields: {
      slug: doc.id,
      name: doc.name,
      description: doc.description,
      mode: doc.mode,
      answerModes: doc.answerModes,
      followupsPerQuestion: doc.followupsPerQuestion,
      totalTimeLimitSec: doc.totalTimeLimitSec,
    },
    questions: doc.questions.map((slug) => ({ questionId: known.get(slug)!.id, timeLimitSec: doc.questionTimeLimitsSec?.[slug] })),
  });
  return { templateId, slug: doc.id, change: existing ? ('updated' as const) : ('created' as const) };
}
