import { Link } from 'react-router';
import { FlaggedBadge } from '../FlagBadges';
import { decisionLabel, formatDate, formatDay, formatTotal, modeLabel, statusLabel } from '../format';
import { SortHeader } from '../SortHeader';
import type { InterviewSummary } from '../types';
import { nextSort, type Sort } from './filters';

/** The organisation's interviews; the candidate's name opens the transcript. */
export function InterviewTable(props: { interviews: readonly InterviewSummary[]; sort: Sort; onSort: (sort: Sort) => void }) {
  const { sort } = props;
  const direction = (column: 'created' | 'score') => (sort.startsWith(column) ? (sort.endsWith('asc') ? 'asc' : 'desc') : null);
  return (
    <div className="table-wrap">
      <table className="interview-table">
        <caption className="sr-only">Interviews, sorted by {sort.startsWith('score') ? 'total score' : 'date created'}</caption>
        <thead>
          <tr>
            <th scope="col">Candidate</th>
            <th scope="col">Template</th>
            <th scope="col">Status</th>
            <th scope="col">Mode</th>
            <SortHeader label="Total" className="num" active={direction('score')} onSort={() => props.onSort(nextSort(sort, 'score'))} />
            <th scope="col">Flags</th>
            <th scope="col">Decision</th>
            <SortHeader label="Created" active={direction('created')} onSort={() => props.onSort(nextSort(sort, 'created'))} />
            <th scope="col">Finished</th>
          </tr>
        </thead>
        <tbody>
          {props.interviews.map((i) => (
            <tr key={i.id}>
              <th scope="row" className="candidate-cell">
                <Link to={`/review/interviews/${i.id}`}>{i.candidate.name}</Link>
                <span className="muted small sub">{i.candidate.email}</span>
              </th>
              <td>{i.templateName}</td>
              <td>
                {statusLabel(i.status)}
                {i.resultsReleasedAt && <span className="muted small sub">Results released</span>}
              </td>
              <td>{modeLabel(i.mode)}</td>
              <td className="num">{formatTotal(i.total)}</td>
              <td>{i.flagged ? <FlaggedBadge /> : <span className="muted">None</span>}</td>
              <td>{decisionLabel(i.decision)}</td>
              <td>
                <time dateTime={i.createdAt} title={formatDate(i.createdAt)}>
                  {formatDay(i.createdAt)}
                </time>
              </td>
              <td>
                {i.finishedAt ? (
                  <time dateTime={i.finishedAt} title={formatDate(i.finishedAt)}>
                    {formatDay(i.finishedAt)}
                  </time>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
