import type { InterviewItem, InterviewState } from '@interview/contracts/api';
import type { loadInterviewView } from '@interview/db/queries/interviews';

type View = NonNullable<Awaited<ReturnType<typeof loadInterviewView>>>;
type ViewItem = View['items'][number];

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** One item as the room shows it: the question's text stays hidden until the item starts. */
export function toItem(row: ViewItem): InterviewItem {
  const { item, question, answer } = row;
  const revealed = item.presentedAt !== null;
  return {
    id: item.id,
    position: item.position,
    kind: item.kind,
    parentItemId: item.parentItemId,
    status: item.status,
    timeLimitSec: item.timeLimitSec,
    presentedAt: iso(item.presentedAt),
    deadlineAt: iso(item.deadlineAt),
    submittedAt: iso(item.submittedAt),
    autoSubmitted: item.autoSubmitted,
    question: revealed ? question : null,
    followupPrompt: revealed ? item.followupPrompt : null,
    answer: answer
      ? {
          id: answer.id,
          mode: answer.mode,
          draft: answer.draft,
          draftRevision: answer.draftRevision,
          text: answer.text,
          transcript: answer.transcript,
          hasAudio: answer.audioMime !== null,
          status: answer.status,
          submittedAt: iso(answer.submittedAt),
        }
      : null,
  };
}

export function toState(view: View, now = new Date()): InterviewState {
  const { interview, template, candidate } = view;
  const current = view.items.find((r) => r.item.status === 'presented');
  return {
    id: interview.id,
    status: interview.status,
    mode: interview.mode,
    template: { id: template.id, name: template.name, questionCount: view.items.filter((r) => r.item.kind === 'question').length },
    candidate,
    answerModes: template.answerModes,
    followupsPerQuestion: template.followupsPerQuestion,
    totalTimeLimitSec: template.totalTimeLimitSec,
    startedAt: iso(interview.startedAt),
    deadlineAt: iso(interview.deadlineAt),
    finishedAt: iso(interview.finishedAt),
    currentItemId: current?.item.id ?? null,
    resultsAvailable: interview.mode === 'practice' || interview.resultsReleasedAt !== null,
    serverNow: now.toISOString(),
    items: view.items.map(toItem),
  };
}
