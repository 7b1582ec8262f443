import type { GradeResult } from '@interview/contracts/grade';
import type { Db } from '@interview/db';
import { setAnswerStatus } from '@interview/db/queries/answers';
import { getGrade, loadGradingInput, markGradeFailed, upsertGrade } from '@interview/db/queries/grades';
import type { Grader } from '@interview/grader';
import { offlineGrader, PermanentGradeError } from '@interview/grader';
import type { Processor } from '@interview/queue';
import { UnrecoverableError } from 'bullmq';
import type { Log } from '../logger';

export interface GradeAnswerDeps {
  db: Db;
  grader: Grader;
  log: Log;
  /** Told when a grade lands, so the API can push `grade.ready` to the room. */
  onGraded?: (event: { answerId: string; rubricVersionId: string; status: string }) => void | Promise<void>;
  /** Told of every grader result before it is stored (metrics: latency, tokens, cost). Must not throw. */
  onResult?: (result: GradeResult) => void;
}

/**
 * Grades one (answer, rubric version). Idempotent: a finished grade is never redone, and the
 * write is an upsert on that pair. On the last attempt, or on a permanent error, the answer goes
 * to `needs_human_review` instead of staying stuck.
 */
export function createGradeAnswerProcessor(deps: GradeAnswerDeps): Processor<'grade-answer'> {
  return async (data, job) => {
    const existing = await getGrade(deps.db, data);
    if (existing?.status === 'done' && data.reason !== 'regrade') return { skipped: 'already graded', gradeId: existing.id };

    const input = await loadGradingInput(deps.db, data);
    if (!input) throw new UnrecoverableError(`answer ${data.answerId} or rubric version ${data.rubricVersionId} not found`);
    if (input.answerText === null) throw new UnrecoverableError(`answer ${data.answerId} has no submitted text yet`);

    const attempt = job.attemptsMade + 1;
    const maxAttempts = job.opts.attempts ?? 1;
    try {
      await setAnswerStatus(deps.db, { answerId: data.answerId, status: 'grading' });
      // An empty answer (time ran out with nothing written) scores zero without a model call.
      const grader = input.answerText.trim() === '' ? offlineGrader : deps.grader;
      const result = await grader.grade({ question: input.question, rubric: input.rubric, answer: input.answerText });
      deps.onResult?.(result);
      const grade = await upsertGrade(deps.db, { ...data, result, attempts: attempt });
      await deps.onGraded?.({ ...data, status: grade.status });
      return { gradeId: grade.id, total: grade.total, status: grade.status };
    } catch (err) {
      const permanent = err instanceof PermanentGradeError || err instanceof UnrecoverableError;
      if (permanent || attempt >= maxAttempts) {
        const message = err instanceof Error ? err.message : String(err);
        await markGradeFailed(deps.db, {
          ...data,
          grader: deps.grader.kind,
          promptVersion: deps.grader.promptVersion,
          error: message,
          attempts: attempt,
        });
        deps.log.warn({ answerId: data.answerId, attempt, err: message }, 'grading gave up; answer needs human review');
        await deps.onGraded?.({ ...data, status: 'needs_human_review' });
        throw permanent ? new UnrecoverableError(message) : err;
      }
      throw err;
    }
  };
}
