import type { InterviewSummary } from '@interview/contracts/api';
import { Link } from 'react-router';
import { formatDateTime } from '../../../ui/format';

export const isOpen = (iv: InterviewSummary) => iv.status === 'scheduled' || iv.status === 'in_progress';

/** Interviews waiting for the candidate: ones a reviewer scheduled, and any still running. */
export function OpenInterviews({ interviews }: { interviews: InterviewSummary[] }) {
  return (
    <ul className="grid plain-list">
      {interviews.map((iv) => (
        <li key={iv.id} className="card">
          <h3>{iv.templateName}</h3>
          <ul className="facts">
            <li>{iv.mode === 'assessment' ? 'Assessment: results after review' : 'Practice'}</li>
            <li>
              {iv.status === 'in_progress'
                ? `Started ${formatDateTime(iv.startedAt ?? iv.createdAt)}`
                : `Scheduled ${formatDateTime(iv.createdAt)}`}
            </li>
          </ul>
          <div className="card-actions">
            {iv.status === 'in_progress' ? (
              <Link className="button primary" to={`/interviews/${iv.id}/room`} aria-label={`Continue ${iv.templateName}`}>
                Continue
              </Link>
            ) : (
              <Link className="button primary" to={`/interviews/${iv.id}/check`} aria-label={`Start ${iv.templateName}`}>
                Start
              </Link>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
