/** Shared driver for the long fault scripts: answers through the real API, checks on what is stored. */
import { bulkStartInterviews } from '../support/bulk';
import { pool, sleep } from '../support/common';
import { answerText, type Candidate, createCandidate, createLongTemplate, type OpenInterview, submitCurrent } from '../support/interviews';
import type { Stack } from '../support/stack';

const QUESTIONS = 25;

export interface Run {
  candidate: Candidate;
  /** Answer ids submitted so far, in order. */
  answerIds: string[];
  /** Submits `count` answers at `perSec` through POST …/submit (several interviews in parallel). */
  submit(
    count: number,
    perSec: number,
    opts?: { onProgress?: (done: number) => void; allowFailures?: boolean },
  ): Promise<{ failed: number }>;
}

export async function prepareRun(stack: Stack, answers: number): Promise<Run> {
  const candidate = await createCandidate(stack.server);
  const templateId = await createLongTemplate(stack.sql, candidate.orgId, QUESTIONS);
  const ivs: OpenInterview[] = (
    await bulkStartInterviews(stack.sql, {
      orgId: candidate.orgId,
      candidateId: candidate.candidate.userId,
      templateId,
      count: Math.ceil(answers / QUESTIONS) + 8,
    })
  ).map((iv) => ({ id: iv.id, currentItemId: iv.itemIds[0]! }));
  const idle = [...ivs];
  const answerIds: string[] = [];
  let n = 0;
  return {
    candidate,
    answerIds,
    async submit(count, perSec, opts = {}) {
      let failed = 0;
      const started = performance.now();
      await pool(Array.from({ length: count }), 8, async (_, i) => {
        const wait = started + (i * 1000) / perSec - performance.now();
        if (wait > 0) await sleep(wait);
        const iv = idle.shift();
        if (!iv) throw new Error('ran out of open interviews');
        try {
          const s = await submitCurrent(candidate.candidate, iv, answerText(n++));
          answerIds.push(s.answerId);
        } catch (err) {
          if (!opts.allowFailures) throw err;
          failed++;
        }
        if (iv.currentItemId) idle.push(iv);
        opts.onProgress?.(answerIds.length);
      });
      return { failed };
    },
  };
}

export interface Outcome {
  /** Answer status → count. */
  statuses: Record<string, number>;
  /** Answers with no final grade row, or more than one. */
  missing: number;
  duplicated: number;
  gradeStatuses: Record<string, number>;
}

/** Where every answer stands: its status, and its grade rows. */
export async function outcome(stack: Stack, ids: string[]): Promise<Outcome> {
  const answers = await stack.sql<{ status: string; n: number }>(
    'select status::text as status, count(*)::int as n from app.answers where id = any($1::uuid[]) group by 1',
    [ids],
  );
  const grades = await stack.sql<{ answer_id: string; n: number; status: string }>(
    'select answer_id, count(*)::int as n, min(status::text) as status from app.grades where answer_id = any($1::uuid[]) group by 1',
    [ids],
  );
  const gradeStatuses: Record<string, number> = {};
  for (const g of grades) gradeStatuses[g.status] = (gradeStatuses[g.status] ?? 0) + 1;
  return {
    statuses: Object.fromEntries(answers.map((a) => [a.status, a.n])),
    missing: ids.length - grades.length,
    duplicated: grades.filter((g) => g.n > 1).length,
    gradeStatuses,
  };
}

/** Waits until no answer is left submitted/grading (or the timeout passes), printing progress. */
export async function waitSettled(
  stack: Stack,
  ids: string[],
  timeoutMs: number,
  label: string,
): Promise<{ settled: boolean; seconds: number }> {
  const started = performance.now();
  let last = '';
  for (;;) {
    const o = await outcome(stack, ids);
    const open = (o.statuses.submitted ?? 0) + (o.statuses.grading ?? 0);
    const line = `${label}: ${JSON.stringify(o.statuses)}`;
    if (line !== last) console.log(`  [${((performance.now() - started) / 1000).toFixed(0)} s] ${line}`);
    last = line;
    if (open === 0) return { settled: true, seconds: (performance.now() - started) / 1000 };
    if (performance.now() - started > timeoutMs) return { settled: false, seconds: (performance.now() - started) / 1000 };
    await sleep(2_000);
  }
}
