import { gradeJobId } from '@interview/contracts/jobs';
import type { Db } from '@interview/db';
import { findGradingTarget, getAnswer, getAnswerPlacement, saveTranscript, setAnswerStatus } from '@interview/db/queries/answers';
import { PermanentGradeError, toGradeError } from '@interview/grader';
import type { Processor, QueueRuntime } from '@interview/queue';
import { UnrecoverableError } from 'bullmq';
import type { Log } from '../logger';
import type { RoomPublisher } from '../room-events';
import type { Transcriber } from './transcriber';

export interface TranscribeDeps {
  db: Db;
  /** null = no transcription service: the browser's live captions (saved as the draft) stand in. */
  transcriber: Transcriber | null;
  queues: Pick<QueueRuntime, 'add'>;
  room: Pick<RoomPublisher, 'transcriptReady'>;
  log: Log;
}

/**
 * Turns a spoken answer into text, then enqueues its grading. Provider errors map like the
 * grader's (429 honours Retry-After); giving up leaves the answer with a human reviewer.
 */
export function createTranscribeAudioProcessor(deps: TranscribeDeps): Processor<'transcribe-audio'> {
  return async ({ answerId }, job) => {
    const answer = await getAnswer(deps.db, { answerId });
    const placement = await getAnswerPlacement(deps.db, { answerId });
    if (!answer || !placement) throw new UnrecoverableError(`answer ${answerId} not found`);
    let status = answer.status;
    if (status === 'transcribing') {
      try {
        await saveTranscript(deps.db, { answerId, transcript: await transcriptFor(deps.transcriber, answer) });
      } catch (raw) {
        const err = raw instanceof UnrecoverableError ? new PermanentGradeError(raw.message) : toGradeError(raw);
        if (err instanceof PermanentGradeError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) {
          await setAnswerStatus(deps.db, { answerId, status: 'needs_human_review' });
          await deps.room.transcriptReady({ answerId, status: 'failed' });
          deps.log.warn({ answerId, err: err.message }, 'transcription gave up; answer needs human review');
          throw new UnrecoverableError(err.message);
        }
        throw err;
      }
      status = 'submitted';
      await deps.room.transcriptReady({ answerId, status: 'ready' });
    }
    // Also reached on a retry after the transcript was saved but before grading was enqueued;
    // the deterministic job id keeps that from grading twice. A follow-up's answer is graded as
    // part of its question, once the whole question is in.
    const target = await findGradingTarget(deps.db, { answerId });
    if ((status === 'submitted' || status === 'grading') && target?.ready) {
      await deps.queues.add(
        'grade-answer',
        { answerId: target.answerId, rubricVersionId: target.rubricVersionId, reason: 'submit' },
        { jobId: gradeJobId(target.answerId, target.rubricVersionId) },
      );
    }
    return { answerId, status };
  };
}

async function transcriptFor(transcriber: Transcriber | null, answer: { audio: Buffer | null; audioMime: string | null; draft: string }) {
  if (transcriber && answer.audio && answer.audioMime) {
    const text = (await transcriber.transcribe({ audio: answer.audio, mime: answer.audioMime })).trim();
    if (text) return text;
  }
  if (answer.draft.trim()) return answer.draft.trim();
  throw new UnrecoverableError(
    transcriber ? 'the transcription came back empty' : 'no transcription service is configured and no live captions were saved',
  );
}
