import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { GradeResult, GradeUsage } from '@interview/contracts';
import { type AgreementSummary, agreement } from '../metrics/agreement';
import type { Grader } from '../types';
import { mapOrdered } from './pool';
import { type RetryOptions, withRetry } from './retry';
import type { RubricResolver } from './rubrics';
import { type BatchGradedLine, type BatchInputLine, type BatchOutputLine, parseInputLine } from './schema';

export interface BatchDeps {
  grader: Grader;
  resolver: RubricResolver;
  /** Applied to each grading call (drafting retries are the drafter's own concern). */
  retry: RetryOptions;
}

export interface BatchRunOptions {
  input: Readable;
  output: Writable;
  concurrency: number;
  /** Problems with single lines (invalid input, failed grades); the run goes on. */
  onIssue?: (message: string) => void;
  /** Called after each output line is written, with the running count. */
  onProgress?: (written: number) => void;
}

export interface KindSummary {
  kind: string;
  n: number;
  /** Mean grader total over the lines of this kind that were graded with a total. */
  meanTotal: number | null;
  /** Mean human score over the lines of this kind that have one. */
  meanHuman: number | null;
}

export interface BatchReport {
  /** Non-blank input lines. */
  lines: number;
  graded: number;
  /** Valid lines written as `{id, error}`. */
  failed: number;
  /** Lines that failed validation: reported and skipped, not written. */
  invalid: number;
  /** Grading calls retried after a retryable error. */
  retries: number;
  drafted: number;
  draftCacheHits: number;
  /** Token usage summed over LLM grades; null when no grade reported usage. */
  usage: GradeUsage | null;
  /** Grader total vs `humanScore` over lines graded with a total; null when there are no such pairs. */
  agreement: AgreementSummary | null;
  /** Lines with a humanScore that are not in the agreement pairs (failed, or total null). */
  humanScoredNotPaired: number;
  byKind: KindSummary[];
  elapsedMs: number;
}

/** The output line of a grade: total, per-criterion score and verbatim evidence quotes, flags, grader kind. */
export function toOutputLine(id: BatchInputLine['id'], result: GradeResult): BatchGradedLine {
  return {
    id,
    total: result.total,
    criteria: result.criteria.map((c) => ({ key: c.key, score: c.score, evidence: c.evidence.map((e) => e.quote) })),
    flags: [...result.flags],
    grader: result.grader,
  };
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}

interface Outcome {
  line: BatchInputLine;
  lineNo: number;
  out: BatchOutputLine;
  result: GradeResult | null;
}

/**
 * Grades a JSONL stream line by line: validates each line, resolves its rubric, grades it with
 * bounded concurrency and writes one output line per valid input line, in input order, as soon as
 * its predecessors are written. Memory stays bounded by the reorder window, not the input size.
 */
export async function runBatch(deps: BatchDeps, options: BatchRunOptions): Promise<BatchReport> {
  const started = performance.now();
  const report = { lines: 0, graded: 0, failed: 0, invalid: 0, retries: 0 };
  const usage: GradeUsage = { promptTokens: 0, completionTokens: 0, cachedTokens: 0 };
  let sawUsage = false;
  const graderTotals: number[] = [];
  const humanScores: number[] = [];
  let humanScoredNotPaired = 0;
  const kinds = new Map<string, { n: number; totalSum: number; totalN: number; humanSum: number; humanN: number }>();
  const issue = options.onIssue ?? (() => {});

  async function* validLines(): AsyncGenerator<{ line: BatchInputLine; lineNo: number }> {
    const rl = createInterface({ input: options.input, crlfDelay: Number.POSITIVE_INFINITY });
    let lineNo = 0;
    for await (const raw of rl) {
      lineNo++;
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() === '') continue;
      report.lines++;
      const parsed = parseInputLine(text);
      if (!parsed.ok) {
        report.invalid++;
        issue(`line ${lineNo}: invalid input, skipped: ${parsed.error}`);
        continue;
      }
      yield { line: parsed.value, lineNo };
    }
  }

  async function grade({ line, lineNo }: { line: BatchInputLine; lineNo: number }): Promise<Outcome> {
    try {
      const { question, rubric } = await deps.resolver.resolve(line);
      const result = await withRetry(() => deps.grader.grade({ question, rubric, answer: line.answer }), {
        ...deps.retry,
        onRetry: (info) => {
          report.retries++;
          deps.retry.onRetry?.(info);
        },
      });
      return { line, lineNo, out: toOutputLine(line.id, result), result };
    } catch (err) {
      return { line, lineNo, out: { id: line.id, error: errorMessage(err) }, result: null };
    }
  }

  let written = 0;
  async function write({ line, lineNo, out, result }: Outcome): Promise<void> {
    if (!options.output.write(`${JSON.stringify(out)}\n`)) await once(options.output, 'drain');
    written++;
    options.onProgress?.(written);

    const total = result?.total ?? null;
    if (result) {
      report.graded++;
      if (result.usage) {
        sawUsage = true;
        usage.promptTokens += result.usage.promptTokens;
        usage.completionTokens += result.usage.completionTokens;
        usage.cachedTokens += result.usage.cachedTokens;
      }
    } else {
      report.failed++;
      issue(`line ${lineNo} (id ${JSON.stringify(line.id)}): ${'error' in out ? out.error : 'failed'}`);
    }
    const human = line.humanScore ?? null;
    if (human !== null) {
      if (total !== null) {
        graderTotals.push(total);
        humanScores.push(human);
      } else humanScoredNotPaired++;
    }
    if (line.kind !== undefined) {
      const k = kinds.get(line.kind) ?? { n: 0, totalSum: 0, totalN: 0, humanSum: 0, humanN: 0 };
      k.n++;
      if (total !== null) {
        k.totalSum += total;
        k.totalN++;
      }
      if (human !== null) {
        k.humanSum += human;
        k.humanN++;
      }
      kinds.set(line.kind, k);
    }
  }

  await mapOrdered(validLines(), { concurrency: options.concurrency }, grade, write);

  const mean = (sum: number, n: number) => (n === 0 ? null : Math.round((sum / n) * 10) / 10);
  return {
    ...report,
    drafted: deps.resolver.stats.drafted,
    draftCacheHits: deps.resolver.stats.cacheHits,
    usage: sawUsage ? usage : null,
    agreement: graderTotals.length > 0 ? agreement(graderTotals, humanScores) : null,
    humanScoredNotPaired,
    byKind: [...kinds.entries()].map(([kind, k]) => ({
      kind,
      n: k.n,
      meanTotal: mean(k.totalSum, k.totalN),
      meanHuman: mean(k.humanSum, k.humanN),
    })),
    elapsedMs: Math.round(performance.now() - started),
  };
}
