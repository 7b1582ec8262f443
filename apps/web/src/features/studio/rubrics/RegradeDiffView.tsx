import type { RegradeDiff } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { Link } from 'react-router';

const STATUS: Record<RegradeDiff['answers'][number]['status'], string> = {
  pending: 'Grading…',
  done: 'Done',
  failed: 'Failed',
  needs_human_review: 'Needs human review',
};

const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${n}` : String(n));
const direction = (n: number | null) => (n === null || n === 0 ? '' : n > 0 ? ' (up)' : ' (down)');

/** Per answer: the total before → after, and the criteria whose score changed. */
export function RegradeDiffView({ diff, definition }: { diff: RegradeDiff; definition: RubricDefinition | undefined }) {
  const titles = new Map(definition?.criteria.map((c) => [c.key, c.title]) ?? []);
  const s = diff.summary;
  return (
    <div className="stack">
      <dl className="facts">
        <dt>Answers graded under v{diff.version.version}</dt>
        <dd>{s.n}</dd>
        <dt>With a score before and after</dt>
        <dd>{s.compared}</dd>
        <dt>Changed</dt>
        <dd>{s.changed}</dd>
        <dt>Mean change in total</dt>
        <dd>{s.meanDelta === null ? '—' : `${signed(s.meanDelta)} points${direction(s.meanDelta)}`}</dd>
      </dl>
      {diff.answers.length === 0 ? (
        <p className="muted">No answers have been graded under this version yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Score changes per answer</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">Status</th>
                <th scope="col">Total before → after</th>
                <th scope="col">Change</th>
                <th scope="col">Criteria that changed</th>
              </tr>
            </thead>
            <tbody>
              {diff.answers.map((a, i) => {
                const changed = a.criteria.filter((c) => c.old !== c.new);
                return (
                  <tr key={a.answerId}>
                    <th scope="row">
                      <Link to={`/review/interviews/${a.interviewId}`}>Answer {i + 1}</Link>
                    </th>
                    <td>{STATUS[a.status]}</td>
                    <td>
                      {a.oldTotal ?? '—'} → {a.newTotal ?? '—'}
                    </td>
                    <td>
                      {signed(a.delta)}
                      {direction(a.delta)}
                    </td>
                    <td>
                      {changed.length === 0 ? (
                        <span className="muted">{a.changed ? 'Total only' : 'None'}</span>
                      ) : (
                        <ul className="compact-list">
                          {changed.map((c) => (
                            <li key={c.key}>
                              {titles.get(c.key) ?? c.key}: {c.old ?? '—'} → {c.new ?? '—'}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
