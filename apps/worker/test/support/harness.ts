import { loadConfig } from '@interview/config';
import type { QuestionFile } from '@interview/contracts';
import { gradeJobId } from '@interview/contracts/jobs';
import { createMemoryEventBus, type EventBus } from '@interview/events';
import type { Grader } from '@interview/grader';
import type { QueueRuntime } from '@interview/queue';
import type { JobsOptions } from 'bullmq';
import { createGrader, startWorkers } from '../../src/index';
import { createSubmittedAnswers, sampleQuestion } from '../fixtures';
import { silentLog } from './backends';

/** A plain, honest answer: no instruction-like text, so nothing but the scripted faults matter. */
export const ANSWER =
  'Terminating means the API server set metadata.deletionTimestamp on the pod and the kubelet has not confirmed the delete. ' +
  'Usually a finalizer is stuck because the controller that owns it is gone, so I would inspect the pod YAML and fix the controller.';

let question: QuestionFile | null = null;
export async function rubricQuestion(): Promise<QuestionFile> {
  question ??= await sampleQuestion();
  return question;
}

/**
 * The LLM grader exactly as production builds it from the environment (createGrader over a
 * loaded config), aimed at the scripted server.
 */
export function llmGraderFor(baseURL: string, env: Record<string, string> = {}): Grader {
  return createGrader(loadConfig({ LLM_MODEL: 'scripted-model', LLM_BASE_URL: baseURL, LLM_API_KEY: 'test-key', ...env }).env);
}

export function startGradingWorkers(deps: {
  db: Parameters<typeof startWorkers>[0]['db'];
  queues: QueueRuntime;
  grader: Grader;
  concurrency?: number;
  events?: EventBus;
}) {
  return startWorkers({
    db: deps.db,
    queues: deps.queues,
    grader: deps.grader,
    transcriber: null,
    events: deps.events ?? createMemoryEventBus(),
    log: silentLog,
    env: { WORKER_CONCURRENCY: deps.concurrency ?? 2, WORKER_RATE_LIMIT_PER_SEC: 0 },
    // The periodic sweeper is exercised on its own; keep it out of these runs.
    sweepIntervalMs: 3_600_000,
  });
}

export async function submitAnswers(db: Parameters<typeof createSubmittedAnswers>[0], texts: string[]) {
  return (await createSubmittedAnswers(db, texts)).answers;
}

/** Enqueues the grade job the way the submit path does: deterministic id, runtime defaults otherwise. */
export function enqueueGrade(queues: QueueRuntime, target: { answerId: string; rubricVersionId: string }, opts: JobsOptions = {}) {
  return queues.add(
    'grade-answer',
    { ...target, reason: 'submit' },
    { jobId: gradeJobId(target.answerId, target.rubricVersionId), ...opts },
  );
}
