import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { QuestionFile } from '@interview/contracts';
import OpenAI from 'openai';
import { z } from 'zod';
import { loadBank } from '../../../question-bank/src/load';
import { createLlmRubricDrafter, offlineRubricDrafter, type RubricDrafter } from '../draft/index';
import { createLlmGrader } from '../llm/grader';
import { offlineGrader } from '../offline/grade';
import type { Grader } from '../types';
import { type RetryOptions, withRetry } from './retry';
import { createRubricResolver } from './rubrics';
import { runBatch } from './run';
import { formatSummary } from './summary';

export const USAGE = `Usage: pnpm grade-batch --input <in.jsonl> --out <out.jsonl> [options]

Grades every line of a JSONL file and writes one JSONL result per valid line, in input order.

Options:
  --input <file>       input JSONL: {id, questionId? | question + referenceAnswer, answer, humanScore?, kind?}
  --out <file>         output JSONL: {id, total, criteria: [{key, score, evidence}], flags, grader} or {id, error}
  --grader <kind>      offline (default) or llm (needs LLM_MODEL; LLM_BASE_URL and LLM_API_KEY optional)
  --concurrency <n>    lines graded at once (default 4 for llm, 1 for offline)
  --retries <n>        retries of a retryable LLM failure per call, honouring Retry-After (default 3)
  --bank <path>        question bank to resolve questionId against (default: the shipped bank)
  -h, --help           show this help

Exit status: 0 all lines graded; 2 finished, but some lines were invalid or failed; 1 could not run.`;

/** The variables LLM mode reads; this CLI is a composition root and parses them once, here. */
const LlmEnv = z.object({
  LLM_BASE_URL: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.url().optional()),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string({ error: 'LLM_MODEL is required for --grader llm' }).trim().min(1, 'LLM_MODEL is required for --grader llm'),
});

const Args = z.object({
  input: z.string({ error: '--input is required' }).min(1),
  out: z.string({ error: '--out is required' }).min(1),
  grader: z.enum(['offline', 'llm'], { error: '--grader must be offline or llm' }).default('offline'),
  concurrency: z.coerce.number({ error: '--concurrency must be a number' }).int().min(1).max(256).optional(),
  retries: z.coerce.number({ error: '--retries must be a number' }).int().min(0).max(20).default(3),
  bank: z.string().min(1).optional(),
});

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

class UsageError extends Error {}

function parseCliArgs(argv: string[]): z.infer<typeof Args> | 'help' {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        out: { type: 'string' },
        grader: { type: 'string' },
        concurrency: { type: 'string' },
        retries: { type: 'string' },
        bank: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return 'help';
  const parsed = Args.safeParse(values);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

interface Composition {
  grader: Grader;
  drafter: RubricDrafter;
  label: string;
}

function compose(kind: 'offline' | 'llm', env: Record<string, string | undefined>, retry: RetryOptions): Composition {
  if (kind === 'offline') return { grader: offlineGrader, drafter: offlineRubricDrafter, label: 'offline' };
  const parsed = LlmEnv.safeParse(env);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const { LLM_BASE_URL, LLM_API_KEY, LLM_MODEL } = parsed.data;
  // maxRetries 0: the batch owns retries (withRetry honours Retry-After), so attempts are counted once.
  const client = new OpenAI({ baseURL: LLM_BASE_URL, apiKey: LLM_API_KEY ?? 'not-needed', maxRetries: 0, timeout: 120_000 });
  const llmDrafter = createLlmRubricDrafter({ client, model: LLM_MODEL });
  return {
    grader: createLlmGrader({ client, model: LLM_MODEL }),
    drafter: { kind: 'llm', draft: (input) => withRetry(() => llmDrafter.draft(input), retry) },
    label: `llm ${LLM_MODEL}`,
  };
}

async function loadQuestions(path: string | undefined, stderr: NodeJS.WritableStream): Promise<Map<string, QuestionFile>> {
  const bank = await loadBank(path);
  for (const issue of bank.issues) stderr.write(`bank: ${issue.file}: ${issue.message}\n`);
  return new Map(bank.questions.map((q) => [q.id, q]));
}

/** Runs the batch CLI; returns the exit status. `env` is only read in LLM mode. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let args: z.infer<typeof Args> | 'help';
  let composition: Composition;
  const retry: RetryOptions = { retries: 3 };
  try {
    args = parseCliArgs(argv);
    if (args === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    retry.retries = args.retries;
    composition = compose(args.grader, env, retry);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr.write(`grade-batch: ${err.message}\n\n${USAGE}\n`);
    return 1;
  }

  const concurrency = args.concurrency ?? (args.grader === 'llm' ? 4 : 1);
  let output: Awaited<ReturnType<typeof open>> | undefined;
  try {
    const info = await stat(args.input);
    if (!info.isFile()) throw new Error(`${args.input} is not a file`);
    const questions = await loadQuestions(args.bank, io.stderr);
    output = await open(args.out, 'w');
    const out = output.createWriteStream();
    const progress = (io.stderr as { isTTY?: boolean }).isTTY === true;
    const report = await runBatch(
      { grader: composition.grader, resolver: createRubricResolver({ questions, drafter: composition.drafter }), retry },
      {
        input: createReadStream(args.input, { encoding: 'utf8' }),
        output: out,
        concurrency,
        onIssue: (message) => io.stderr.write(`${message}\n`),
        onProgress: progress ? (n) => n % 250 === 0 && io.stderr.write(`… ${n} lines written\n`) : undefined,
      },
    );
    out.end();
    await once(out, 'close');
    output = undefined;
    io.stderr.write(`${formatSummary(report, composition.label)}\n`);
    io.stdout.write(
      `${JSON.stringify({ input: args.input, out: args.out, grader: composition.label, concurrency, ...report }, null, 2)}\n`,
    );
    return report.invalid > 0 || report.failed > 0 ? 2 : 0;
  } catch (err) {
    await output?.close().catch(() => {});
    io.stderr.write(`grade-batch: ${(err as Error).message}\n`);
    return 1;
  }
}
