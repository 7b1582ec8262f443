import type { Db } from '@interview/db';
import { type InterviewItemRow, listInterviewItems, listOverrides, type OverrideRow } from '@interview/db/queries/review';
import { loadRubrics } from './interview-scores';
import { groupBy } from './scoring';

export interface QuestionGroup {
  main: InterviewItemRow;
  followups: InterviewItemRow[];
}

/**
 * Nests follow-ups under the question they follow (through parentItemId, however deep), keeping
 * item order. A follow-up whose parent is missing stays with the question before it.
 */
export function groupByQuestion(rows: readonly InterviewItemRow[]): QuestionGroup[] {
  const byId = new Map(rows.map((r) => [r.item.id, r] as const));
  const groups = new Map<string, QuestionGroup>();
  let previous: QuestionGroup | undefined;
  for (const row of rows) {
    if (row.item.kind === 'question') {
      previous = { main: row, followups: [] };
      groups.set(row.item.id, previous);
      continue;
    }
    let root: InterviewItemRow | undefined = row;
    const seen = new Set<string>();
    while (root?.item.kind === 'followup' && root.item.parentItemId && !seen.has(root.item.id)) {
      seen.add(root.item.id);
      root = byId.get(root.item.parentItemId);
    }
    const group = (root && groups.get(root.item.id)) ?? previous;
    group?.followups.push(row);
  }
  return [...groups.values()];
}

/** One interview's items grouped by question, with the rubric versions and overrides their grades need. */
export async function loadQuestionGroups(db: Db, interviewId: string) {
  const rows = await listInterviewItems(db, { interviewId });
  const gradeIds = rows.flatMap((r) => (r.grade ? [r.grade.id] : []));
  const [rubrics, overrides] = await Promise.all([
    loadRubrics(
      db,
      rows.map((r) => r.item.rubricVersionId),
    ),
    listOverrides(db, { gradeIds }),
  ]);
  const overridesByGrade: Map<string, OverrideRow[]> = groupBy(overrides, (o) => o.gradeId);
  return { groups: groupByQuestion(rows), rubrics, overridesByGrade };
}

export const answerTextOf = (row: InterviewItemRow) => row.answer?.text ?? row.answer?.transcript ?? null;
