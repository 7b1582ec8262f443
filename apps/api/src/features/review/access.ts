import { atLeast } from '@interview/contracts/api';
import type { Db } from '@interview/db';
import { findInterview, type InterviewRow } from '@interview/db/queries/review';
import { ForbiddenError, NotFoundError } from '../../errors';
import type { Principal } from '../../plugins/app/auth-guard';

export const isReviewer = (principal: Principal) => atLeast(principal.role, 'reviewer');

/** Practice results show at once; assessment results only once a reviewer releases them. */
export const resultsAvailable = (interview: Pick<InterviewRow, 'mode' | 'resultsReleasedAt'>) =>
  interview.mode === 'practice' || interview.resultsReleasedAt !== null;

/**
 * An interview the principal may see: reviewers any of their organisation's, candidates only
 * their own. Anything else is 404, so ids from elsewhere reveal nothing.
 */
export async function visibleInterview(db: Db, principal: Principal, interviewId: string): Promise<InterviewRow> {
  const interview = await findInterview(db, { orgId: principal.orgId, interviewId });
  if (!interview) throw new NotFoundError('Interview');
  if (!isReviewer(principal) && interview.candidate.id !== principal.userId) throw new NotFoundError('Interview');
  return interview;
}

/** Like `visibleInterview`, and a candidate must also wait for the results to be available. */
export async function interviewWithResults(db: Db, principal: Principal, interviewId: string): Promise<InterviewRow> {
  const interview = await visibleInterview(db, principal, interviewId);
  if (!isReviewer(principal) && !resultsAvailable(interview))
    throw new ForbiddenError('Results are not released yet', 'results_not_released');
  return interview;
}
