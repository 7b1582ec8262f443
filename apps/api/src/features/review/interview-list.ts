import type { InterviewSummary, ListInterviewsQuery } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { type InterviewListRow, listInterviews } from '@interview/db/queries/review';
import type { z } from 'zod';
import { BadRequestError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';
import { isReviewer, resultsAvailable } from './access';
import { loadInterviewScores } from './interview-scores';

type Query = z.infer<typeof ListInterviewsQuery>;
type Summary = z.infer<typeof InterviewSummary>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function summaryOf(row: InterviewListRow, total: number | null, visible: { scores: boolean; review: boolean }): Summary {
  return {
    id: row.id,
    status: row.status,
    mode: row.mode,
    templateId: row.templateId,
    templateName: row.templateName,
    candidate: row.candidate,
    createdAt: row.createdAt.toISOString(),
    startedAt: iso(row.startedAt),
    finishedAt: iso(row.finishedAt),
    resultsReleasedAt: iso(row.resultsReleasedAt),
    total: visible.scores ? total : null,
    flagged: visible.scores && row.flagged,
    // Decisions are the hiring team's; a candidate never sees them.
    decision: visible.review ? row.decision : null,
  };
}

/** Score order with interviews that have no total last, whichever the direction. */
function byScore(direction: 1 | -1) {
  return (a: Summary, b: Summary) => {
    if (a.total === null || b.total === null) return a.total === b.total ? 0 : a.total === null ? 1 : -1;
    return (a.total - b.total) * direction;
  };
}

/**
 * Interview summaries for a principal. Candidates get their own, with scores hidden until results
 * are available; reviewers get the organisation's. Filters and created-order paging run in SQL;
 * score filters and score order need the override-aware totals, so those are applied here.
 */
export async function listInterviewSummaries(db: Db, principal: Principal, query: Query): Promise<Summary[]> {
  if (query.minScore !== undefined && query.maxScore !== undefined && query.minScore > query.maxScore)
    throw new BadRequestError('minScore must not exceed maxScore');
  const reviewer = isReviewer(principal);
  const byScoreNeeded = query.sort.startsWith('score') || query.minScore !== undefined || query.maxScore !== undefined;
  // A candidate's flags are hidden until results are available, so that filter cannot run in SQL.
  const pageInSql = reviewer && !byScoreNeeded;
  const rows = await listInterviews(db, {
    orgId: principal.orgId,
    candidateId: reviewer ? query.candidateId : principal.userId,
    status: query.status,
    templateId: query.templateId,
    flagged: reviewer && query.flagged !== undefined ? query.flagged === 'true' : undefined,
    order: query.sort === 'created_asc' ? 'created_asc' : 'created_desc',
    ...(pageInSql ? { limit: query.limit, offset: query.offset } : {}),
  });
  const scores = await loadInterviewScores(
    db,
    rows.map((r) => r.id),
  );
  let summaries = rows.map((row) =>
    summaryOf(row, scores.get(row.id)?.total ?? null, { scores: reviewer || resultsAvailable(row), review: reviewer }),
  );
  if (pageInSql) return summaries;
  if (!reviewer && query.flagged !== undefined) summaries = summaries.filter((s) => s.flagged === (query.flagged === 'true'));
  const { minScore, maxScore } = query;
  if (minScore !== undefined) summaries = summaries.filter((s) => s.total !== null && s.total >= minScore);
  if (maxScore !== undefined) summaries = summaries.filter((s) => s.total !== null && s.total <= maxScore);
  if (query.sort === 'score_desc') summaries.sort(byScore(-1));
  if (query.sort === 'score_asc') summaries.sort(byScore(1));
  return summaries.slice(query.offset, query.offset + query.limit);
}
