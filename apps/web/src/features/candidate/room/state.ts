import type { InterviewItem, InterviewState } from '@interview/contracts/api';

/** Applies a started item (or follow-up) to the state: upserted in position order and made current. */
export function withItem(state: InterviewState, item: InterviewItem): InterviewState {
  const items = state.items.some((i) => i.id === item.id) ? state.items.map((i) => (i.id === item.id ? item : i)) : [...state.items, item];
  items.sort((a, b) => a.position - b.position);
  return { ...state, items, currentItemId: item.status === 'presented' ? item.id : state.currentItemId };
}

/** A state only replaces one built later on the server, so a slow REST reply never rewinds the room. */
export const isNewer = (next: InterviewState, current: InterviewState | null) =>
  !current || Date.parse(next.serverNow) >= Date.parse(current.serverNow);

export const currentItem = (state: InterviewState) => state.items.find((i) => i.id === state.currentItemId) ?? null;

export const isOver = (state: InterviewState) => state.status === 'completed' || state.status === 'expired' || state.status === 'cancelled';

export interface Position {
  /** 1-based number of the question (a follow-up counts under its question). */
  number: number;
  of: number;
  /** 1-based number of the follow-up under its question, or null for the question itself. */
  followup: number | null;
}

export function positionOf(state: InterviewState, item: InterviewItem): Position {
  const questions = state.items.filter((i) => i.kind === 'question');
  const rootId = item.kind === 'question' ? item.id : item.parentItemId;
  const index = questions.findIndex((q) => q.id === rootId);
  const followups = state.items.filter((i) => i.kind === 'followup' && i.parentItemId === rootId);
  return {
    number: index + 1,
    of: state.template.questionCount,
    followup: item.kind === 'followup' ? followups.findIndex((f) => f.id === item.id) + 1 : null,
  };
}

export const positionLabel = (p: Position) => `Question ${p.number} of ${p.of}${p.followup ? `, follow-up ${p.followup}` : ''}`;

/** Whether the item answered just before this one was submitted by the server when its time ran out. */
export function previousTimedOut(state: InterviewState, item: InterviewItem) {
  const before = state.items.filter((i) => i.position < item.position && i.status !== 'pending');
  return before[before.length - 1]?.autoSubmitted === true;
}
