import { type FormEvent, useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorNote, Loading, Page } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { TeamScreen } from '../../../ui/TeamScreen';
import { CATEGORIES, isCategory } from '../types';
import { QuestionMeta } from './QuestionMeta';
import { BANK_PAGE_SIZE, useQuestions } from './queries';

/** The question bank: search and category live in the URL, so a filtered view can be shared and survives a reload. */
export default function BankPage() {
  const [params, setParams] = useSearchParams();
  const search = params.get('search') ?? '';
  const rawCategory = params.get('category');
  const category = isCategory(rawCategory) ? rawCategory : undefined;
  const page = Math.max(0, Math.floor(Number(params.get('page') ?? '0')) || 0);
  const [text, setText] = useState(search);
  useEffect(() => setText(search), [search]);

  const questions = useQuestions({ search: search || undefined, category, offset: page * BANK_PAGE_SIZE });

  const update = (next: { search?: string; category?: string; page?: number }) => {
    const p = new URLSearchParams(params);
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined || value === '' || value === 0) p.delete(key);
      else p.set(key, String(value));
    }
    setParams(p);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update({ search: text.trim(), page: 0 });
  };

  const data = questions.data;
  const total = data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / BANK_PAGE_SIZE));
  const filtered = !!search || !!category;
  const summary = data
    ? `${total} question${total === 1 ? '' : 's'}${filtered ? ' match' : ''}${total > BANK_PAGE_SIZE ? `, page ${page + 1} of ${pages}` : ''}`
    : null;

  return (
    <Page title="Question bank" wide>
      <TeamScreen>
        <search aria-label="Filter questions">
          <form className="card filter-bar" onSubmit={submit}>
            <div className="field">
              <label htmlFor="bank-search">Search questions</label>
              <input
                id="bank-search"
                type="search"
                value={text}
                onChange={(e) => setText(e.target.value)}
                placeholder="Title, prompt, tag or slug"
                maxLength={200}
              />
            </div>
            <div className="field">
              <label htmlFor="bank-category">Category</label>
              <select id="bank-category" value={category ?? ''} onChange={(e) => update({ category: e.target.value, page: 0 })}>
                <option value="">All categories</option>
                {CATEGORIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
            <div className="row filter-actions">
              <button type="submit" className="primary">
                Search
              </button>
              {filtered && (
                <button
                  type="button"
                  onClick={() => {
                    setText('');
                    setParams(new URLSearchParams());
                  }}
                >
                  Clear filters
                </button>
              )}
            </div>
          </form>
        </search>
        <StatusMessage message={questions.isFetching && !questions.isPending ? 'Updating results…' : summary} />
        {questions.isPending && <Loading />}
        <ErrorNote error={questions.error} />
        {data && data.items.length === 0 && <p className="notice">No questions match. Try another search or category.</p>}
        {data && data.items.length > 0 && (
          <ul className="plain-list question-list" aria-busy={questions.isFetching}>
            {data.items.map((q) => (
              <li key={q.id} className="card">
                <h2>
                  <Link to={`/bank/${q.id}`}>{q.title}</Link>
                </h2>
                <QuestionMeta q={q} />
                <p className="clamp">{q.prompt}</p>
              </li>
            ))}
          </ul>
        )}
        {total > BANK_PAGE_SIZE && (
          <nav className="row pager" aria-label="Pages of results">
            <button type="button" disabled={page === 0} onClick={() => update({ page: page - 1 })}>
              Previous page
            </button>
            <span>
              Page {page + 1} of {pages}
            </span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => update({ page: page + 1 })}>
              Next page
            </button>
          </nav>
        )}
      </TeamScreen>
    </Page>
  );
}
