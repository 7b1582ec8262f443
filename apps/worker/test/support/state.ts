import type { DbHandle } from '@interview/db';
import { waitFor as sharedWaitFor } from '../../../../packages/db/test/support';

type Pool = DbHandle['pool'];

/** The shared poller (packages/db/test/support), with what was awaited named in its timeout error. */
export async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  try {
    return await sharedWaitFor(fn, timeoutMs);
  } catch (err) {
    throw new Error(`${(err as Error).message} after ${timeoutMs} ms for ${what}`);
  }
}

export interface GradeRow {
  status: string;
  grader: string;
  attempts: number;
  error: string | null;
  total: number | null;
  flags: string[];
}

/** Every grade row of an answer (the tests assert there is exactly one). */
export async function gradeRows(pool: Pool, answerId: string): Promise<GradeRow[]> {
  const { rows } = await pool.query<GradeRow>(
    'select status, grader, attempts, error, total, flags from app.grades where answer_id = $1 order by created_at',
    [answerId],
  );
  return rows;
}

export async function answerStatus(pool: Pool, answerId: string): Promise<string | undefined> {
  const { rows } = await pool.query<{ status: string }>('select status from app.answers where id = $1', [answerId]);
  return rows[0]?.status;
}

/** Resolves once the answer has left `submitted`/`grading`, with its final status. */
export function settled(pool: Pool, answerId: string, timeoutMs = 20_000): Promise<string> {
  return waitFor(
    `answer ${answerId} to be graded or sent to review`,
    async () => {
      const s = await answerStatus(pool, answerId);
      return s === 'graded' || s === 'needs_human_review' ? s : null;
    },
    timeoutMs,
  );
}
