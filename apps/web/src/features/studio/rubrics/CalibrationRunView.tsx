import type { CalibrationItem, CalibrationRun } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { OfflineBadge } from '../../../ui/page';
import { FLAG_LABELS } from './flags';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 100)}%`);
const num = (n: number | null) => (n === null ? '—' : String(Math.round(n * 100) / 100));
const signed = (n: number | null) => (n === null ? '—' : n > 0 ? `+${num(n)}` : num(n));

/** Expected against actual for every calibration answer, per criterion and in total. */
export function CalibrationRunView(props: { run: CalibrationRun; items: CalibrationItem[]; definition: RubricDefinition | undefined }) {
  const { run } = props;
  const titles = new Map(props.definition?.criteria.map((c) => [c.key, c.title]) ?? []);
  const s = run.summary;
  return (
    <div className="stack">
      <p className="row">
        <strong>
          Ran on version {run.version.version} ({run.version.status})
        </strong>
        {run.grader === 'offline' ? <OfflineBadge /> : <span className="badge">Model {run.model ?? 'LLM'}</span>}
      </p>
      <dl className="facts">
        <dt>Answers graded</dt>
        <dd>
          {s.graded} of {s.answers}
        </dd>
        <dt>Exact agreement</dt>
        <dd>
          {pct(s.exactRate)} of {s.comparisons} criterion scores
        </dd>
        <dt>Within one level</dt>
        <dd>{pct(s.withinOneRate)}</dd>
        <dt>Mean absolute error</dt>
        <dd>{num(s.meanAbsoluteError)} levels</dd>
        <dt>Mean absolute total difference</dt>
        <dd>{num(s.meanAbsoluteTotalDelta)} points</dd>
      </dl>
      {run.answers.map((a, i) => {
        const item = props.items.find((it) => it.id === a.calibrationId);
        return (
          <div key={a.calibrationId} className="calibration-result">
            <h4>
              Answer {i + 1}
              {item ? `: “${item.answer.slice(0, 60)}${item.answer.length > 60 ? '…' : ''}”` : ''}
            </h4>
            {a.error ? (
              <p className="alert">Grading failed: {a.error}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Expected and actual scores for answer {i + 1}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Criterion</th>
                      <th scope="col">Expected</th>
                      <th scope="col">Actual</th>
                      <th scope="col">Difference</th>
                    </tr>
                  </thead>
                  <tbody>
                    {a.criteria.map((c) => (
                      <tr key={c.key}>
                        <th scope="row">{titles.get(c.key) ?? c.key}</th>
                        <td>{num(c.expected)}</td>
                        <td>{num(c.actual)}</td>
                        <td>
                          {signed(c.delta)}
                          {c.delta !== null && Math.abs(c.delta) >= 2 && <span className="badge badge-danger"> off by 2 or more</span>}
                        </td>
                      </tr>
                    ))}
                    <tr>
                      <th scope="row">Total (0–100)</th>
                      <td>{num(a.expectedTotal)}</td>
                      <td>{num(a.actualTotal)}</td>
                      <td>{a.expectedTotal === null || a.actualTotal === null ? '—' : signed(a.actualTotal - a.expectedTotal)}</td>
                    </tr>
                  </tbody>
                </table>
              </div>
            )}
            {a.flags.length > 0 && <p className="muted">Flags: {a.flags.map((f) => FLAG_LABELS[f] ?? f).join(', ')}</p>}
          </div>
        );
      })}
    </div>
  );
}
