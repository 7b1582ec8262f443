import type { QuestionDetail } from '@interview/contracts/api';
import { Link } from 'react-router';
import { weightShares } from '../rubrics/weights';

type Effective = NonNullable<QuestionDetail['rubric']>;

/** The rubric new interviews on this question use: criteria, weights and key points at a glance. */
export function RubricSummary({ rubric, questionId }: { rubric: Effective; questionId: string }) {
  const criteria = rubric.definition.criteria;
  const shares = weightShares(criteria.map((c) => c.weight));
  return (
    <section className="card" aria-labelledby="rubric-summary-title">
      <h2 id="rubric-summary-title">Rubric</h2>
      <p className="row">
        <span>
          <strong>{rubric.rubricName}</strong>, version {rubric.version}
        </span>
        <span className={rubric.builtIn ? 'badge' : 'badge badge-ok'}>{rubric.builtIn ? 'Built-in' : 'Your organisation'}</span>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="sr-only">Criteria of the rubric, with their share of the total score</caption>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Weight</th>
              <th scope="col">Assesses</th>
              <th scope="col">Key points</th>
            </tr>
          </thead>
          <tbody>
            {criteria.map((c, i) => (
              <tr key={c.key}>
                <th scope="row">{c.title}</th>
                <td>
                  {c.weight} ({shares[i]}%)
                </td>
                <td>{c.assesses}</td>
                <td>
                  <ul className="compact-list">
                    {c.keyPoints.map((k) => (
                      <li key={k.id}>{k.point}</li>
                    ))}
                  </ul>
                  {c.redFlags.length > 0 && (
                    <p className="muted">
                      {c.redFlags.length} red flag{c.redFlags.length === 1 ? '' : 's'}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="row">
        <Link to={`/rubrics/${rubric.rubricId}`}>Open this rubric in the studio</Link>
        <Link to={`/rubrics?questionId=${questionId}`}>All rubrics for this question</Link>
      </p>
    </section>
  );
}
