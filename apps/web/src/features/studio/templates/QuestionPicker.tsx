import type { QuestionSummary } from '@interview/contracts/api';
import { useDeferredValue, useState } from 'react';
import { formatLimit } from '../../../ui/format';
import { ErrorNote } from '../../../ui/page';
import { useQuestions } from '../bank/queries';
import { CATEGORIES, isCategory } from '../types';

/** Search the bank and add questions to the template; questions already picked cannot be added twice. */
export function QuestionPicker(props: { picked: Set<string>; onAdd: (q: QuestionSummary) => void; disabled?: boolean }) {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const deferred = useDeferredValue(search.trim());
  const results = useQuestions({ search: deferred || undefined, category: isCategory(category) ? category : undefined, limit: 20 });
  const items = results.data?.items ?? [];
  return (
    <fieldset className="picker">
      <legend>Add questions from the bank</legend>
      <div className="row picker-filters">
        <div className="field">
          <label htmlFor="picker-search">Search the bank</label>
          <input id="picker-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} maxLength={200} />
        </div>
        <div className="field">
          <label htmlFor="picker-category">Category to pick from</label>
          <select id="picker-category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorNote error={results.error} />
      <p className="muted" role="status">
        {results.data ? `${results.data.total} found${results.data.total > items.length ? `, showing the first ${items.length}` : ''}` : ''}
      </p>
      <ul className="plain-list picker-results" aria-label="Bank questions" aria-busy={results.isFetching}>
        {items.map((q) => {
          const added = props.picked.has(q.id);
          return (
            <li key={q.id} className="picker-item">
              <div>
                <strong>{q.title}</strong>
                <span className="muted">
                  {' '}
                  · {q.category} · {formatLimit(q.timeLimitSec)}
                </span>
              </div>
              <button
                type="button"
                onClick={() => props.onAdd(q)}
                disabled={added || props.disabled}
                aria-label={added ? `Added: ${q.title}` : `Add ${q.title}`}
              >
                {added ? 'Added' : 'Add'}
              </button>
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
