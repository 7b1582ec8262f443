import { useEffect, useId } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNote, Loading } from '../../../ui/page';
import { exportUrls, useComparison, useInterviews, useTemplates } from '../api';
import { FlagBadges } from '../FlagBadges';
import { decisionLabel, formatTotal, statusLabel } from '../format';
import { ReviewPage } from '../ReviewPage';
import { type SortDirection, SortHeader } from '../SortHeader';
import { type CompareColumn, readColumn, sortRows } from './sort';

/** `/review/compare`: candidates on one template side by side, sortable, with the org report export. */
export default function ComparePage() {
  const id = useId();
  const [params, setParams] = useSearchParams();
  const templateId = params.get('template') ?? params.get('templateId') ?? '';
  const column = readColumn(params.get('sort'));
  const direction: SortDirection = params.get('dir') === 'asc' ? 'asc' : 'desc';
  const templates = useTemplates();
  const comparison = useComparison(templateId);
  // With no template chosen yet, start from the one most recently interviewed on.
  const latest = useInterviews('sort=created_desc&limit=1');
  const latestTemplate = latest.data?.[0]?.templateId;
  useEffect(() => {
    if (templateId || !latestTemplate) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('template', latestTemplate);
        return next;
      },
      { replace: true },
    );
  }, [templateId, latestTemplate, setParams]);

  const update = (changes: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };
  const sortBy = (c: CompareColumn) =>
    update({ sort: c, dir: c === column ? (direction === 'asc' ? 'desc' : 'asc') : c === 'candidate' ? 'asc' : 'desc' });
  const activeFor = (c: CompareColumn) => (c === column ? direction : null);

  const data = comparison.data;
  const rows = data ? sortRows(data.candidates, column, direction) : [];

  return (
    <ReviewPage
      title="Compare candidates"
      actions={
        templateId ? (
          <>
            <a className="button" href={exportUrls.org(templateId, 'csv')} download>
              Export CSV
            </a>
            <a className="button" href={exportUrls.org(templateId, 'json')} download>
              Export JSON
            </a>
          </>
        ) : undefined
      }
    >
      <div className="card row compare-pick no-print">
        <div className="field">
          <label htmlFor={`${id}-template`}>Template</label>
          <select
            id={`${id}-template`}
            value={templateId}
            onChange={(e) => update({ template: e.target.value })}
            disabled={templates.isPending}
          >
            <option value="">Choose a template…</option>
            {(templates.data ?? []).map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={templates.error} />
      {!templateId ? (
        <p className="muted">Choose a template to see everyone who took it, side by side.</p>
      ) : comparison.isPending ? (
        <Loading label="Loading the comparison…" />
      ) : comparison.error ? (
        <ErrorNote error={comparison.error} />
      ) : data && rows.length === 0 ? (
        <p className="card empty">Nobody has been interviewed on {data.template.name} yet.</p>
      ) : data ? (
        <section aria-labelledby="compare-heading">
          <h2 id="compare-heading">
            {data.template.name}{' '}
            <span className="muted small">
              ({rows.length} {rows.length === 1 ? 'interview' : 'interviews'})
            </span>
          </h2>
          <p className="muted small no-print">Question totals and totals are out of 100, with reviewer overrides applied.</p>
          <div className="table-wrap">
            <table className="compare-table">
              <caption className="sr-only">Candidates on {data.template.name}; use the column buttons to sort</caption>
              <thead>
                <tr>
                  <SortHeader label="Candidate" active={activeFor('candidate')} onSort={() => sortBy('candidate')} />
                  <th scope="col">Status</th>
                  <SortHeader label="Total" className="num" active={activeFor('total')} onSort={() => sortBy('total')} />
                  {data.template.questions.map((q, i) => (
                    <SortHeader
                      key={q.questionId}
                      className="num q-col"
                      label={
                        <span title={q.title}>
                          Q{i + 1}
                          <span className="q-col-title"> {q.title}</span>
                        </span>
                      }
                      active={activeFor(`q${i}`)}
                      onSort={() => sortBy(`q${i}`)}
                    />
                  ))}
                  <SortHeader label="Decision" active={activeFor('decision')} onSort={() => sortBy('decision')} />
                  <th scope="col">Flags</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.interviewId}>
                    <th scope="row" className="candidate-cell">
                      <Link to={`/review/interviews/${r.interviewId}`}>{r.candidate.name}</Link>
                      <span className="muted small sub">{r.candidate.email}</span>
                    </th>
                    <td>{statusLabel(r.status)}</td>
                    <td className="num">
                      <strong>{formatTotal(r.total)}</strong>
                    </td>
                    {data.template.questions.map((q, i) => (
                      <td key={q.questionId} className="num">
                        {formatTotal(r.questionTotals[i])}
                      </td>
                    ))}
                    <td>
                      {decisionLabel(r.decision)}
                      {r.decisions.length > 1 && <span className="muted small sub">{r.decisions.length} reviewers</span>}
                    </td>
                    <td>
                      {r.flags.length > 0 ? <FlagBadges flags={r.flags} /> : r.flagged ? 'Flagged' : <span className="muted">None</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </ReviewPage>
  );
}
