import type { Db } from '@interview/db';
import { latestPublishedRubricVersion } from '@interview/db/queries/bank';
import {
  type AnswerRow,
  ensureAnswer,
  getAnswerByItem,
  getInterview,
  getItemAudio,
  getUsableTemplate,
  type InterviewRow,
  type ItemRow,
  insertInterview,
  listItems,
  listTemplateQuestions,
  loadInterviewView,
  lockInterview,
  POSITION_STEP,
  saveDraftIfOpen,
  updateAnswer,
  updateInterview,
  updateItem,
} from '@interview/db/queries/interviews';
import { getMembership } from '@interview/db/queries/orgs';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { type EffectDeps, Effects } from './effects';
import type { FollowupPlanner } from './followups';
import { toState } from './state';

export interface InterviewServiceDeps extends EffectDeps {
  followups: FollowupPlanner;
  /** Seconds added to every item deadline for network latency. */
  graceSec: number;
}

export interface SpokenAnswer {
  audio: Buffer;
  mime: string;
  durationMs: number | null;
  /** The browser's live captions: a provisional transcript (and the fallback when no service is configured). */
  captions: string;
}

type Submission = { mode: 'typed'; text: string } | ({ mode: 'spoken' } & SpokenAnswer);

const sec = (n: number) => n * 1000;
/** A deadline job that fires earlier than this is rescheduled rather than waited for. */
const MAX_EARLY_MS = 30_000;

/**
 * The interview lifecycle with the server owning the clock: start, present, autosave, submit,
 * follow up, advance, finish, expire. Every transition locks the interview row, so a submit and
 * the deadline job for the same item can never both win.
 */
export function createInterviewService(deps: InterviewServiceDeps) {
  const { db } = deps;

  /** Candidates see only their own interviews; reviewers and up, all of their organisation's. */
  function assertCanView(p: Principal, iv: InterviewRow | null): asserts iv is InterviewRow {
    if (!iv || iv.orgId !== p.orgId) throw new NotFoundError('Interview');
    if (iv.candidateId !== p.userId && p.role === 'candidate') throw new NotFoundError('Interview');
  }
  /** Only the candidate answers; a reviewer watching gets a clear refusal. */
  function assertCanAct(p: Principal, iv: InterviewRow | null): asserts iv is InterviewRow {
    assertCanView(p, iv);
    if (iv.candidateId !== p.userId) throw new ForbiddenError('Only the candidate can answer this interview', 'not_the_candidate');
  }

  async function state(interviewId: string) {
    const view = await loadInterviewView(db, { interviewId });
    if (!view) throw new NotFoundError('Interview');
    return toState(view);
  }

  /** Runs a transition under the interview's row lock, then its side effects after commit. */
  async function transition<T>(
    p: Principal | null,
    interviewId: string,
    fn: (tx: Db, iv: InterviewRow, fx: Effects, now: Date) => Promise<T>,
  ) {
    const fx = new Effects();
    const result = await db.transaction(async (tx) => {
      const iv = await lockInterview(tx, { interviewId });
      if (p) assertCanAct(p, iv);
      else if (!iv) throw new NotFoundError('Interview');
      return fn(tx, iv, fx, new Date());
    });
    await fx.flush(deps);
    return result;
  }

  /** Starts the next pending item, or closes the interview when none is left or time is up. */
  async function presentNext(tx: Db, iv: InterviewRow, now: Date, fx: Effects) {
    const items = await listItems(tx, { interviewId: iv.id });
    if (items.some((i) => i.status === 'presented')) return;
    const next = items.find((i) => i.status === 'pending');
    if (next && iv.deadlineAt && iv.deadlineAt > now) {
      const deadlineAt = new Date(Math.min(now.getTime() + sec(next.timeLimitSec + deps.graceSec), iv.deadlineAt.getTime()));
      await updateItem(tx, { itemId: next.id, set: { status: 'presented', presentedAt: now, deadlineAt } });
      await ensureAnswer(tx, { itemId: next.id });
      fx.deadline(next, deadlineAt);
      fx.event({ type: next.kind === 'followup' ? 'followup' : 'item.started', interviewId: iv.id, itemId: next.id });
      return;
    }
    await closeInterview(tx, iv, items, next ? 'expired' : 'completed', now, fx);
  }

  /** Unreached questions count as unanswered (graded zero); the interview is over. */
  async function closeInterview(tx: Db, iv: InterviewRow, items: ItemRow[], status: 'completed' | 'expired', now: Date, fx: Effects) {
    for (const item of items.filter((i) => i.status === 'pending')) {
      const answer = await ensureAnswer(tx, { itemId: item.id });
      await updateAnswer(tx, { answerId: answer.id, set: { text: '', status: 'submitted', submittedAt: now } });
      await updateItem(tx, { itemId: item.id, set: { status: 'expired', submittedAt: now, autoSubmitted: true } });
      if (item.kind === 'question') fx.grade(answer.id);
    }
    await updateInterview(tx, { interviewId: iv.id, set: { status, finishedAt: now } });
    fx.event({ type: 'interview.updated', interviewId: iv.id });
  }

  /** Freezes an item's answer, maybe asks a follow-up, and hands the question to grading. */
  async function finalise(
    tx: Db,
    iv: InterviewRow,
    item: ItemRow,
    answer: AnswerRow,
    submission: Submission,
    opts: { auto: boolean; now: Date; fx: Effects; followUp: boolean },
  ) {
    const { now, fx } = opts;
    const empty = submission.mode === 'typed' && submission.text.trim() === '';
    if (submission.mode === 'typed') {
      await updateAnswer(tx, {
        answerId: answer.id,
        set: { mode: 'typed', text: submission.text, draft: submission.text, status: 'submitted', submittedAt: now },
      });
    } else {
      await updateAnswer(tx, {
        answerId: answer.id,
        set: {
          mode: 'spoken',
          audio: submission.audio,
          audioMime: submission.mime,
          audioDurationMs: submission.durationMs,
          draft: submission.captions,
          text: null,
          transcript: null,
          status: 'transcribing',
          submittedAt: now,
        },
      });
      fx.transcribe(answer.id);
    }
    await updateItem(tx, {
      itemId: item.id,
      set: { status: opts.auto && empty ? 'expired' : 'submitted', submittedAt: now, autoSubmitted: opts.auto },
    });
    if (opts.followUp && !empty) await deps.followups.maybeAsk(tx, { interview: iv, item, now, graceSec: deps.graceSec });
    fx.grade(answer.id);
  }

  return {
    state,

    async view(p: Principal, interviewId: string) {
      assertCanView(p, await getInterview(db, { interviewId }));
      return state(interviewId);
    },

    /** The recording of a spoken answer, for the candidate and the organisation's reviewers. */
    async audio(p: Principal, interviewId: string, itemId: string) {
      assertCanView(p, await getInterview(db, { interviewId }));
      const found = await getItemAudio(db, { interviewId, itemId });
      if (!found) throw new NotFoundError('Recording');
      return found;
    },

    /** A reviewer schedules an interview for a member of the organisation. */
    async create(p: Principal, input: { templateId: string; candidateId: string; mode?: 'practice' | 'assessment' }) {
      const template = await getUsableTemplate(db, { templateId: input.templateId, orgId: p.orgId });
      if (!template) throw new NotFoundError('Template');
      if (!(await getMembership(db, { orgId: p.orgId, userId: input.candidateId }))) throw new NotFoundError('Candidate');
      const questions = await listTemplateQuestions(db, { templateId: template.id });
      if (questions.length === 0) throw new BadRequestError('This template has no questions');
      const items = [];
      for (const [index, q] of questions.entries()) {
        // Each item pins the rubric version in force now; later edits never change how it is graded.
        const version = await latestPublishedRubricVersion(db, { questionId: q.questionId, orgId: p.orgId });
        if (!version) throw new ConflictError('no_rubric', 'A question in this template has no published rubric');
        items.push({
          position: index * POSITION_STEP,
          questionId: q.questionId,
          rubricVersionId: version.id,
          timeLimitSec: q.timeLimitSec,
        });
      }
      const interview = await insertInterview(db, {
        interview: {
          orgId: p.orgId,
          templateId: template.id,
          candidateId: input.candidateId,
          createdBy: p.userId,
          mode: input.mode ?? template.mode,
        },
        items,
      });
      return state(interview.id);
    },

    async start(p: Principal, interviewId: string) {
      await transition(p, interviewId, async (tx, iv, fx, now) => {
        if (iv.status === 'in_progress') return; // a replayed start changes nothing
        if (iv.status !== 'scheduled') throw new ConflictError('interview_closed', `This interview is ${iv.status}`);
        const template = await getUsableTemplate(tx, { templateId: iv.templateId, orgId: iv.orgId });
        const deadlineAt = new Date(now.getTime() + sec(template!.totalTimeLimitSec + deps.graceSec));
        const started = await updateInterview(tx, { interviewId: iv.id, set: { status: 'in_progress', startedAt: now, deadlineAt } });
        await presentNext(tx, started, now, fx);
      });
      return state(interviewId);
    },

    async saveDraft(p: Principal, interviewId: string, input: { itemId: string; text: string; revision: number }) {
      const iv = await getInterview(db, { interviewId });
      assertCanAct(p, iv);
      const now = new Date();
      const saved = await saveDraftIfOpen(db, { ...input, interviewId, now });
      if (saved) return { itemId: input.itemId, revision: saved.revision, savedAt: saved.savedAt!.toISOString() };
      // Work out why it was refused, to answer with the precise reason.
      const item = (await listItems(db, { interviewId })).find((i) => i.id === input.itemId);
      if (!item) throw new NotFoundError('Item');
      if (item.status === 'pending') throw new ConflictError('item_not_started', 'This question has not started yet');
      if (item.status !== 'presented') throw new ConflictError('item_closed', 'This answer was already submitted');
      if (item.deadlineAt && item.deadlineAt <= now) throw new ConflictError('deadline_passed', 'Time is up for this question');
      const answer = await getAnswerByItem(db, { itemId: item.id });
      if (answer && answer.draftRevision === input.revision && answer.draft === input.text)
        return { itemId: item.id, revision: answer.draftRevision, savedAt: (answer.draftSavedAt ?? now).toISOString() };
      throw new ConflictError('stale_revision', `A newer draft (revision ${answer?.draftRevision}) is already saved`);
    },

    /** Submits an item's answer. A replay of the same submission answers like the first one did. */
    async submit(p: Principal, interviewId: string, itemId: string, submission: Submission) {
      const outcome = await transition(p, interviewId, async (tx, iv, fx, now) => {
        const item = (await listItems(tx, { interviewId })).find((i) => i.id === itemId);
        if (!item) throw new NotFoundError('Item');
        const template = await getUsableTemplate(tx, { templateId: iv.templateId, orgId: iv.orgId });
        if (!template!.answerModes.includes(submission.mode))
          throw new BadRequestError(`This interview does not accept ${submission.mode} answers`);
        const answer = await getAnswerByItem(tx, { itemId });
        if (item.status === 'submitted' || item.status === 'expired') {
          if (isReplay(answer, submission)) return { replayed: true, late: false };
          if (item.autoSubmitted) throw new ConflictError('deadline_passed', 'Time ran out; your last saved draft was submitted');
          throw new ConflictError('already_submitted', 'This answer was already submitted');
        }
        if (item.status === 'pending') throw new ConflictError('item_not_started', 'This question has not started yet');
        if (iv.status !== 'in_progress') throw new ConflictError('interview_closed', `This interview is ${iv.status}`);
        if (item.deadlineAt && item.deadlineAt <= now) {
          // Too late: the last saved draft stands, exactly as the deadline job would submit it.
          await finalise(tx, iv, item, answer!, { mode: 'typed', text: answer!.draft }, { auto: true, now, fx, followUp: true });
          await presentNext(tx, iv, now, fx);
          return { replayed: false, late: true };
        }
        await finalise(tx, iv, item, answer!, submission, { auto: false, now, fx, followUp: true });
        await presentNext(tx, iv, now, fx);
        return { replayed: false, late: false };
      });
      if (outcome.late) throw new ConflictError('deadline_passed', 'Time ran out for this question; your last saved draft was submitted');
      return { replayed: outcome.replayed, state: await state(interviewId) };
    },

    /** The candidate ends early: the open answer is submitted as it stands, the rest count as unanswered. */
    async finish(p: Principal, interviewId: string) {
      await transition(p, interviewId, async (tx, iv, fx, now) => {
        if (iv.status === 'completed' || iv.status === 'expired') return;
        if (iv.status !== 'in_progress') throw new ConflictError('interview_not_started', 'Start the interview first');
        const items = await listItems(tx, { interviewId });
        const open = items.find((i) => i.status === 'presented');
        if (open) {
          const answer = await getAnswerByItem(tx, { itemId: open.id });
          await finalise(tx, iv, open, answer!, { mode: 'typed', text: answer!.draft }, { auto: false, now, fx, followUp: false });
        }
        await closeInterview(tx, iv, await listItems(tx, { interviewId }), 'completed', now, fx);
      });
      return state(interviewId);
    },

    /** Called by the durable deadline job (and the overdue sweep): submits whatever draft was saved. */
    async expireItem(itemId: string, interviewId: string) {
      const pending = (await listItems(db, { interviewId })).find((i) => i.id === itemId);
      if (pending?.status !== 'presented' || !pending.deadlineAt) return;
      // Delayed jobs can fire a little early (timer granularity, clock skew between hosts): wait it out.
      const early = pending.deadlineAt.getTime() - Date.now();
      if (early > 0) await new Promise((resolve) => setTimeout(resolve, Math.min(early, MAX_EARLY_MS) + 10));
      await transition(null, interviewId, async (tx, iv, fx, now) => {
        const item = (await listItems(tx, { interviewId })).find((i) => i.id === itemId);
        if (item?.status !== 'presented' || !item.deadlineAt) return;
        if (item.deadlineAt > now) return fx.deadline(item, item.deadlineAt, { retry: true });
        const answer = await getAnswerByItem(tx, { itemId });
        await finalise(tx, iv, item, answer!, { mode: 'typed', text: answer!.draft }, { auto: true, now, fx, followUp: true });
        await presentNext(tx, iv, now, fx);
      });
    },

    /** Closes an interview whose overall time ran out between items. */
    async expireInterview(interviewId: string) {
      await transition(null, interviewId, async (tx, iv, fx, now) => {
        if (iv.status === 'in_progress' && iv.deadlineAt && iv.deadlineAt <= now) await presentNext(tx, iv, now, fx);
      });
    },
  };
}
export type InterviewService = ReturnType<typeof createInterviewService>;

function isReplay(answer: AnswerRow | null, submission: Submission) {
  if (!answer?.submittedAt) return false;
  if (submission.mode === 'typed') return answer.mode === 'typed' && answer.text === submission.text;
  return answer.mode === 'spoken' && answer.audio !== null && Buffer.compare(answer.audio, submission.audio) === 0;
}
