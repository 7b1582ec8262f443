import { Link, useSearchParams } from 'react-router';
import { hasRole, useSession } from '../../../api/session';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { TeamScreen } from '../../../ui/TeamScreen';
import { CATEGORIES } from '../types';
import { RUBRIC_PAGE_SIZE, useRubrics } from './queries';
import '../studio.css';

type Owner = 'all' | 'org' | 'builtin';

/** Every rubric the organisation can see, filtered in the URL by text, category and owner. */
export default function RubricsPage() {
  const [params, setParams] = useSearchParams();
  const session = useSession();
  const isAdmin = hasRole(session.data, 'admin');
  const text = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const owner = (params.get('owner') as Owner | null) ?? 'all';
  const questionId = params.get('questionId') ?? undefined;
  const page = Math.max(0, Math.floor(Number(params.get('page') ?? '0')) || 0);
  const rubrics = useRubrics({ questionId, offset: page * RUBRIC_PAGE_SIZE });

  const set = (key: string, value: string) => {
    const p = new URLSearchParams(params);
    if (value && value !== 'all') p.set(key, value);
    else p.delete(key);
    setParams(p, { replace: true });
  };

  const needle = text.trim().toLowerCase();
  const items = (rubrics.data?.items ?? []).filter(
    (r) =>
      (!needle || `${r.question.title} ${r.name} ${r.question.slug}`.toLowerCase().includes(needle)) &&
      (!category || r.question.category === category) &&
      (owner === 'all' || (owner === 'builtin') === r.builtIn),
  );
  const total = rubrics.data?.total ?? 0;
  const pages = Math.ceil(total / RUBRIC_PAGE_SIZE);

  return (
    <Page title="Rubrics" wide>
      <TeamScreen>
        <p className="muted">
          Every question ships with a built-in rubric.{' '}
          {isAdmin ? 'Open one and fork it to your organisation to customise it.' : 'Admins can fork and customise them.'}
        </p>
        <search aria-label="Filter rubrics">
          <form className="card filter-bar" onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="rubric-filter">Filter by question or name</label>
              <input id="rubric-filter" type="search" value={text} onChange={(e) => set('q', e.target.value)} />
            </div>
            <div className="field">
              <label htmlFor="rubric-category">Category</label>
              <select id="rubric-category" value={category} onChange={(e) => set('category', e.target.value)}>
                <option value="">All categories</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="rubric-owner">Owner</label>
              <select id="rubric-owner" value={owner} onChange={(e) => set('owner', e.target.value)}>
                <option value="all">All rubrics</option>
                <option value="org">Your organisation’s</option>
                <option value="builtin">Built-in</option>
              </select>
            </div>
          </form>
        </search>
        {questionId && (
          <p className="notice row">
            <span>Showing the rubrics of one question.</span>
            <button type="button" className="link" onClick={() => set('questionId', '')}>
              Show all rubrics
            </button>
          </p>
        )}
        <StatusMessage message={rubrics.data ? `${items.length} rubric${items.length === 1 ? '' : 's'} shown of ${total}.` : ''} />
        {rubrics.isPending && <Loading />}
        <ErrorNote error={rubrics.error} />
        {items.length > 0 && (
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Rubrics</caption>
              <thead>
                <tr>
                  <th scope="col">Question</th>
                  <th scope="col">Rubric</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Published</th>
                  <th scope="col">Draft</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <Link to={`/rubrics/${r.id}`}>{r.question.title}</Link>
                      <div className="muted small">{r.question.category}</div>
                    </th>
                    <td>{r.name}</td>
                    <td>
                      <span className={r.builtIn ? 'badge' : 'badge badge-ok'}>{r.builtIn ? 'Built-in' : 'Your organisation'}</span>
                    </td>
                    <td>{r.latestPublished ? `v${r.latestPublished.version}` : 'None yet'}</td>
                    <td>{r.draft ? `v${r.draft.version} (unpublished)` : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {rubrics.data && items.length === 0 && <p className="notice">No rubrics match these filters.</p>}
        {pages > 1 && (
          <nav className="row pager" aria-label="Pages of rubrics">
            <button type="button" disabled={page === 0} onClick={() => set('page', String(page - 1))}>
              Previous page
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => set('page', String(page + 1))}>
              Next page
            </button>
          </nav>
        )}
      </TeamScreen>
    </Page>
  );
}
