import type { Db } from '@interview/db';
import {
  getUsableTemplate,
  type InterviewRow,
  type ItemRow,
  insertItem,
  listAnswersForItems,
  listItems,
  loadItemQuestion,
} from '@interview/db/queries/interviews';
import { type FollowupWriter, pickMissedKeyPoint, rubricFollowup } from '@interview/grader';

/** Only ask a follow-up when the interview has at least this much time left. */
const MIN_TIME_LEFT_SEC = 60;

export interface FollowupPlanner {
  /** After an answer that misses key points, adds one follow-up item about a missed point. */
  maybeAsk(tx: Db, ctx: { interview: InterviewRow; item: ItemRow; now: Date; graceSec: number }): Promise<ItemRow | null>;
}

/**
 * Decides with the rubric (instant, deterministic) whether to follow up and on which point; the
 * model, when configured, only phrases the question, and the rubric's wording stands in if it fails.
 */
export function createFollowupPlanner(deps: { writer: FollowupWriter | null }): FollowupPlanner {
  return {
    async maybeAsk(tx, { interview, item, now, graceSec }) {
      const template = await getUsableTemplate(tx, { templateId: interview.templateId, orgId: interview.orgId });
      const max = template?.followupsPerQuestion ?? 0;
      if (max === 0 || !interview.deadlineAt) return null;
      if (interview.deadlineAt.getTime() - now.getTime() < (MIN_TIME_LEFT_SEC + graceSec) * 1000) return null;

      const items = await listItems(tx, { interviewId: interview.id });
      const root = item.parentItemId ? items.find((i) => i.id === item.parentItemId) : item;
      if (!root) return null;
      const children = items.filter((i) => i.parentItemId === root.id);
      if (children.length >= max) return null;

      const answers = await listAnswersForItems(tx, { itemIds: [root.id, ...children.map((c) => c.id)] });
      // Spoken answers are not transcribed yet: their live captions (kept as the draft) stand in.
      const combined = answers
        .map((a) => a.text ?? a.draft)
        .join('\n\n')
        .trim();
      if (!combined) return null;
      const loaded = await loadItemQuestion(tx, { questionId: root.questionId, rubricVersionId: root.rubricVersionId });
      if (!loaded) return null;
      const asked = children.map((c) => c.followupKeyPoint).filter((k): k is string => k !== null);
      const missed = pickMissedKeyPoint({ question: loaded.question, rubric: loaded.rubric, answer: combined }, asked);
      if (!missed) return null;

      const prompt = (await deps.writer?.write({ question: loaded.question, answer: combined, missed })) ?? rubricFollowup(missed);
      return insertItem(tx, {
        interviewId: interview.id,
        position: root.position + children.length + 1,
        kind: 'followup',
        parentItemId: root.id,
        questionId: root.questionId,
        rubricVersionId: root.rubricVersionId,
        followupPrompt: prompt,
        followupKeyPoint: missed.keyPoint.id,
        timeLimitSec: Math.min(180, Math.max(60, Math.round(root.timeLimitSec / 3))),
      });
    },
  };
}
