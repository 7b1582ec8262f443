import type { InterviewSummary } from '@interview/contracts/api';
import { Link } from 'react-router';
import { formatDateTime, formatScore } from '../../../ui/format';

const STATUS_LABEL: Record<InterviewSummary['status'], string> = {
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  completed: 'Completed',
  expired: 'Time ran out',
  cancelled: 'Cancelled',
};

/** The candidate's past interviews, with their totals and a link to each one's results. */
export function MyInterviews({ interviews }: { interviews: InterviewSummary[] }) {
  if (interviews.length === 0) return <p className="muted">No finished interviews yet. Start a practice interview above.</p>;
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Your past interviews, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Interview</th>
            <th scope="col">Status</th>
            <th scope="col">Date</th>
            <th scope="col">Total</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {interviews.map((iv) => (
            <tr key={iv.id}>
              <td>
                {iv.templateName}{' '}
                <span className={iv.mode === 'assessment' ? 'badge badge-warn' : 'badge'}>
                  {iv.mode === 'assessment' ? 'Assessment' : 'Practice'}
                </span>
              </td>
              <td>{STATUS_LABEL[iv.status]}</td>
              <td>{formatDateTime(iv.finishedAt ?? iv.startedAt ?? iv.createdAt)}</td>
              <td>{iv.total === null ? <span className="muted">—</span> : `${formatScore(iv.total)} / 100`}</td>
              <td>
                <InterviewAction interview={iv} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InterviewAction({ interview: iv }: { interview: InterviewSummary }) {
  if (iv.status === 'cancelled' || iv.status === 'scheduled' || iv.status === 'in_progress') return <span className="muted">—</span>;
  if (iv.mode === 'practice' || iv.resultsReleasedAt)
    return (
      <Link
        to={`/interviews/${iv.id}/results`}
        aria-label={`Results of ${iv.templateName}, ${formatDateTime(iv.finishedAt ?? iv.createdAt)}`}
      >
        Results
      </Link>
    );
  return <span className="muted">Results after review</span>;
}
