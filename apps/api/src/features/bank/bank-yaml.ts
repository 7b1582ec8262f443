import { QuestionFile, Slug, TemplateFile } from '@interview/contracts';
import { parseAllDocuments, stringify } from 'yaml';
import { z } from 'zod';

/**
 * The bank's file format (QuestionFile, TemplateFile) plus two optional keys the bank loader
 * ignores: `rubricName` (an organisation may keep several rubrics per question) and
 * `questionTimeLimitsSec` (a template's per-question overrides).
 */
export const QuestionDoc = QuestionFile.extend({ rubricName: z.string().trim().min(1).max(120).default('default') });
export type QuestionDoc = z.infer<typeof QuestionDoc>;

export const TemplateDoc = TemplateFile.extend({
  questions: z
    .array(Slug)
    .min(1)
    .max(50)
    .refine((qs) => new Set(qs).size === qs.length, 'each question may appear once'),
  questionTimeLimitsSec: z.record(Slug, z.number().int().min(60).max(3600)).optional(),
});
export type TemplateDoc = z.infer<typeof TemplateDoc>;

export interface YamlIssue {
  path: string;
  message: string;
  line?: number;
  col?: number;
}

export type BankEntry = { kind: 'question'; path: string; doc: QuestionDoc } | { kind: 'template'; path: string; doc: TemplateDoc };

/** A cap on entries per import, so one request cannot hold a transaction open for long. */
const MAX_ENTRIES = 500;
/** Anchors/aliases may not expand a small text into a huge value. */
const MAX_ALIAS_COUNT = 50;

/** Top-level values of every document: a mapping is one entry, a sequence holds several. */
function collectEntries(text: string, issues: YamlIssue[]): { path: string; value: unknown }[] {
  // prettyErrors adds line and column; the message's first line is enough without the excerpt.
  const docs = parseAllDocuments(text, { prettyErrors: true });
  if (!Array.isArray(docs)) return [];
  const values: { path: string; value: unknown }[] = [];
  for (const [d, doc] of docs.entries()) {
    for (const e of doc.errors) {
      const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      issues.push({ path: `document ${d + 1}`, message, line: e.linePos?.[0].line, col: e.linePos?.[0].col });
    }
    if (doc.errors.length > 0) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (err) {
      issues.push({ path: `document ${d + 1}`, message: (err as Error).message });
      continue;
    }
    const prefix = docs.length > 1 ? `document ${d + 1}` : '';
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) for (const [i, v] of value.entries()) values.push({ path: `${prefix}[${i}]`, value: v });
    else values.push({ path: prefix || '(root)', value });
  }
  return values;
}

/**
 * Parses YAML text holding bank entries: one question or template, a list of them, or several
 * documents. Syntax problems come back as `syntax` issues, validation problems as `invalid`.
 */
export function parseBankYaml(text: string): { entries: BankEntry[]; syntax: YamlIssue[]; invalid: YamlIssue[] } {
  const syntax: YamlIssue[] = [];
  const invalid: YamlIssue[] = [];
  const values = collectEntries(text, syntax);
  if (syntax.length > 0) return { entries: [], syntax, invalid };
  if (values.length === 0) invalid.push({ path: '(root)', message: 'no questions or templates found' });
  if (values.length > MAX_ENTRIES) invalid.push({ path: '(root)', message: `at most ${MAX_ENTRIES} entries per import` });
  const entries: BankEntry[] = [];
  for (const { path, value } of values) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      invalid.push({ path, message: 'expected a question or template mapping' });
      continue;
    }
    // The bank loader's rule: a file with `questions` is a template, anything else a question.
    const isTemplate = 'questions' in value;
    const parsed = isTemplate ? TemplateDoc.safeParse(value) : QuestionDoc.safeParse(value);
    if (!parsed.success) {
      for (const i of parsed.error.issues) invalid.push({ path: [path, ...i.path].join('.'), message: i.message });
    } else if (isTemplate) entries.push({ kind: 'template', path, doc: parsed.data as TemplateDoc });
    else entries.push({ kind: 'question', path, doc: parsed.data as QuestionDoc });
  }
  const seen = new Set<string>();
  for (const e of entries) {
    const key = e.kind === 'question' ? `question ${e.doc.id} rubric ${e.doc.rubricName}` : `template ${e.doc.id}`;
    if (seen.has(key)) invalid.push({ path: e.path, message: `duplicate ${key}` });
    seen.add(key);
  }
  return { entries, syntax, invalid };
}

/** A list of bank entries as one YAML document, with a header comment. */
export function toBankYaml(entries: (z.input<typeof QuestionDoc> | z.input<typeof TemplateDoc>)[], header: string): string {
  const comment = header
    .split('\n')
    .map((l) => `# ${l}`)
    .join('\n');
  return `${comment}\n${entries.length === 0 ? '[]\n' : stringify(entries, { lineWidth: 100 })}`;
}
