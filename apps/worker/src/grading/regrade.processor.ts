import { gradeJobId } from '@interview/contracts/jobs';
import type { Db } from '@interview/db';
import { findAnswersForRegrade } from '@interview/db/queries/answers';
import type { Processor, QueueRuntime } from '@interview/queue';

export interface RegradeDeps {
  db: Db;
  queues: Pick<QueueRuntime, 'add'>;
}

/**
 * Fans a regrade out into one grade job per answer under the new rubric version. Grades are
 * keyed by (answer, rubric version), so the old grades stay for the before/after diff.
 */
export function createRegradeProcessor(deps: RegradeDeps): Processor<'regrade'> {
  return async (data) => {
    const rows = await findAnswersForRegrade(deps.db, data);
    for (const { answerId } of rows) {
      await deps.queues.add(
        'grade-answer',
        { answerId, rubricVersionId: data.rubricVersionId, reason: 'regrade' },
        { jobId: gradeJobId(answerId, data.rubricVersionId) },
      );
    }
    return { enqueued: rows.length };
  };
}
