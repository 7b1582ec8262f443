import { ErrorNote, Loading } from '../../../ui/page';
import { useAgreement } from '../api';
import { formatPercent } from '../format';
import { ReviewPage } from '../ReviewPage';
import { kappaWords, SMALL_SAMPLE, summarise } from './meaning';

const kappa = (q: number | null) => (q === null ? '—' : q.toFixed(2));

/** `/review/agreement`: how often reviewers agree with the AI's criterion scores, per rubric. */
export default function AgreementPage() {
  const agreement = useAgreement();
  const data = agreement.data;
  const rubrics = data ? [...data.rubrics].sort((a, b) => b.n - a.n || a.questionTitle.localeCompare(b.questionTitle)) : [];

  return (
    <ReviewPage title="AI agreement">
      {agreement.isPending ? (
        <Loading label="Loading agreement…" />
      ) : agreement.error ? (
        <ErrorNote error={agreement.error} />
      ) : data ? (
        <>
          <section aria-labelledby="overall-heading" className="card">
            <h2 id="overall-heading">All rubrics</h2>
            <dl className="stat-grid">
              <div>
                <dt>n</dt>
                <dd>{data.overall.n}</dd>
              </div>
              <div>
                <dt>Overridden</dt>
                <dd>{data.overall.overridden}</dd>
              </div>
              <div>
                <dt>Exact</dt>
                <dd>{formatPercent(data.overall.exactRate)}</dd>
              </div>
              <div>
                <dt>Within 1</dt>
                <dd>{formatPercent(data.overall.withinOneRate)}</dd>
              </div>
              <div>
                <dt>QWK</dt>
                <dd>{kappa(data.overall.qwk)}</dd>
              </div>
            </dl>
            <p>{summarise(data.overall)}</p>
          </section>
          <section aria-labelledby="per-rubric-heading" className="per-rubric">
            <h2 id="per-rubric-heading">Per rubric</h2>
            {rubrics.length === 0 ? (
              <p className="card empty">
                Nothing to compare yet. Agreement appears once reviewers record decisions or override scores on graded interviews.
              </p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Agreement between reviewers and the AI, per rubric</caption>
                  <thead>
                    <tr>
                      <th scope="col">Question</th>
                      <th scope="col">Rubric</th>
                      <th scope="col" className="num">
                        n
                      </th>
                      <th scope="col" className="num">
                        Overridden
                      </th>
                      <th scope="col" className="num">
                        Exact
                      </th>
                      <th scope="col" className="num">
                        Within 1
                      </th>
                      <th scope="col" className="num">
                        QWK
                      </th>
                      <th scope="col">In words</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rubrics.map((r) => (
                      <tr key={r.rubricId}>
                        <th scope="row">{r.questionTitle}</th>
                        <td>
                          {r.rubricName} {r.builtIn && <span className="badge">Built-in</span>}
                        </td>
                        <td className="num">
                          {r.n}
                          {r.n > 0 && r.n < SMALL_SAMPLE && <span className="muted small"> (small sample)</span>}
                        </td>
                        <td className="num">{r.overridden}</td>
                        <td className="num">{formatPercent(r.exactRate)}</td>
                        <td className="num">{formatPercent(r.withinOneRate)}</td>
                        <td className="num">{kappa(r.qwk)}</td>
                        <td>{kappaWords(r.qwk)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
      <section aria-labelledby="agreement-help" className="card">
        <h2 id="agreement-help">What these numbers mean</h2>
        <p>
          Every criterion score the AI gave on an interview a reviewer worked on (recorded a decision or overrode a score) is compared with
          the score the reviewer let stand. Leaving a score alone counts as agreeing with it; an override counts as the reviewer's score.
          Criteria the AI could not score are left out.
        </p>
        <dl className="definitions">
          <div>
            <dt>n</dt>
            <dd>How many criterion scores were compared. Below {SMALL_SAMPLE}, read the rates as a rough hint only.</dd>
          </div>
          <div>
            <dt>Exact</dt>
            <dd>Share of scores where the reviewer kept exactly the AI's score (0–4).</dd>
          </div>
          <div>
            <dt>Within 1</dt>
            <dd>Share where the reviewer's score was at most one point away from the AI's.</dd>
          </div>
          <div>
            <dt>QWK</dt>
            <dd>
              Quadratic weighted kappa: agreement corrected for chance, where big disagreements count much more than small ones. 1 is
              perfect, 0 is no better than chance. Above 0.8 is almost perfect, 0.6–0.8 substantial, 0.4–0.6 moderate; below 0.4 the rubric
              or the grader needs attention.
            </dd>
          </div>
        </dl>
      </section>
    </ReviewPage>
  );
}
