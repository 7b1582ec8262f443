import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QuestionFile, TemplateFile } from '@interview/contracts';
import { parse } from 'yaml';
import type { z } from 'zod';

/** The bank shipped in this package. */
export const BUILTIN_BANK_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));

export interface LoadIssue {
  file: string;
  message: string;
}

export interface LoadedBank {
  questions: QuestionFile[];
  templates: TemplateFile[];
  issues: LoadIssue[];
}

async function yamlFilesUnder(path: string): Promise<string[]> {
  const info = await stat(path);
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'src' && entry.name !== 'test') out.push(...(await yamlFilesUnder(full)));
    } else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out.sort();
}

function describe(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/**
 * Reads every YAML file under `path`. A file with a `rubric` key is a question;
 * a file with a `questions` key is a template. Problems are collected, not thrown,
 * so `bank validate` can report all of them at once.
 */
export async function loadBank(path: string = BUILTIN_BANK_DIR): Promise<LoadedBank> {
  const bank: LoadedBank = { questions: [], templates: [], issues: [] };
  const root = resolve(path);
  for (const file of await yamlFilesUnder(root)) {
    const name = relative(process.cwd(), file);
    let doc: unknown;
    try {
      doc = parse(await readFile(file, 'utf8'));
    } catch (err) {
      bank.issues.push({ file: name, message: `invalid YAML: ${(err as Error).message}` });
      continue;
    }
    const isTemplate = typeof doc === 'object' && doc !== null && 'questions' in doc;
    const parsed = isTemplate ? TemplateFile.safeParse(doc) : QuestionFile.safeParse(doc);
    if (!parsed.success) {
      bank.issues.push({ file: name, message: describe(parsed.error) });
    } else if (isTemplate) bank.templates.push(parsed.data as TemplateFile);
    else bank.questions.push(parsed.data as QuestionFile);
  }
  bank.issues.push(...crossCheck(bank));
  return bank;
}

/** Rules that span files: unique ids, templates referencing known questions. */
function crossCheck(bank: LoadedBank): LoadIssue[] {
  const issues: LoadIssue[] = [];
  const ids = new Set<string>();
  const titles = new Set<string>();
  for (const q of bank.questions) {
    if (ids.has(q.id)) issues.push({ file: q.id, message: `duplicate question id "${q.id}"` });
    if (titles.has(q.title)) issues.push({ file: q.id, message: `duplicate question title "${q.title}"` });
    ids.add(q.id);
    titles.add(q.title);
  }
  const templateIds = new Set<string>();
  for (const t of bank.templates) {
    if (templateIds.has(t.id)) issues.push({ file: t.id, message: `duplicate template id "${t.id}"` });
    templateIds.add(t.id);
    for (const qid of t.questions) {
      if (!ids.has(qid)) issues.push({ file: t.id, message: `template references unknown question "${qid}"` });
    }
  }
  return issues;
}
