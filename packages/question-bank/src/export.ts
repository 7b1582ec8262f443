import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type QuestionFile, RubricDefinition, type TemplateFile } from '@interview/contracts';
import type { Db } from '@interview/db';
import { findBank, listQuestionsWithRubric, listTemplatesWithQuestions } from '@interview/db/queries/bank';
import type { questions } from '@interview/db/schema';
import { stringify } from 'yaml';
import { BUILTIN_BANK } from './import';

export const categoryDir = (category: string) =>
  category
    .toLowerCase()
    .replace(/&/g, ' ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

type QuestionRow = Pick<
  typeof questions.$inferSelect,
  'slug' | 'category' | 'title' | 'prompt' | 'difficulty' | 'tags' | 'timeLimitSec' | 'referenceAnswer'
>;

/** A stored question and rubric definition in the bank's file format (the API's YAML export uses it too). */
export function toQuestionFile(q: QuestionRow, definition: unknown): QuestionFile {
  return {
    id: q.slug,
    category: q.category as QuestionFile['category'],
    title: q.title,
    prompt: q.prompt,
    difficulty: q.difficulty as QuestionFile['difficulty'],
    tags: q.tags,
    timeLimitSec: q.timeLimitSec,
    referenceAnswer: q.referenceAnswer,
    rubric: RubricDefinition.parse(definition),
  };
}

/** Reads a bank back out of the database in the same shape the YAML files have. */
export async function exportBank(db: Db, target: { orgId: string | null; slug?: string }) {
  const bank = await findBank(db, { orgId: target.orgId, slug: target.slug ?? BUILTIN_BANK.slug });
  if (!bank) throw new Error(`no bank "${target.slug ?? BUILTIN_BANK.slug}" for this organisation`);
  const rows = await listQuestionsWithRubric(db, { bankId: bank.id, orgId: target.orgId });
  const questions = rows.map(({ question, definition }) => toQuestionFile(question, definition));
  const templates: TemplateFile[] = (await listTemplatesWithQuestions(db, { orgId: target.orgId })).map(
    ({ template: t, questionSlugs }) => ({
      id: t.slug,
      name: t.name,
      description: t.description,
      mode: t.mode,
      answerModes: t.answerModes,
      followupsPerQuestion: t.followupsPerQuestion,
      totalTimeLimitSec: t.totalTimeLimitSec,
      questions: questionSlugs,
    }),
  );
  return { questions, templates };
}

/** Writes `questions/<category>/<id>.yaml` and `templates/<id>.yaml` under `dir`. */
export async function writeBankFiles(dir: string, bank: { questions: QuestionFile[]; templates: TemplateFile[] }) {
  for (const q of bank.questions) {
    const folder = join(dir, 'questions', categoryDir(q.category));
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${q.id}.yaml`), stringify(q, { lineWidth: 100 }));
  }
  if (bank.templates.length > 0) await mkdir(join(dir, 'templates'), { recursive: true });
  for (const t of bank.templates) await writeFile(join(dir, 'templates', `${t.id}.yaml`), stringify(t, { lineWidth: 100 }));
}
