import { type FormEvent, useId, useState } from 'react';
import { STATUSES } from '../format';
import type { TemplateSummary } from '../types';
import { type Filters, hasFilters } from './filters';

/**
 * The dashboard filters. Fields start from the URL; "Apply filters" writes them back, so a
 * reload or a shared link shows the same list.
 */
export function FilterForm(props: { filters: Filters; templates: readonly TemplateSummary[]; onApply: (f: Filters) => void }) {
  const { filters } = props;
  const id = useId();
  const [rangeError, setRangeError] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? '').trim();
    const min = text('min');
    const max = text('max');
    if (min && max && Number(min) > Number(max)) {
      setRangeError('The lowest total must not be above the highest.');
      return;
    }
    setRangeError(null);
    props.onApply({
      ...filters,
      status: text('status') as Filters['status'],
      template: text('template'),
      flagged: text('flagged') as Filters['flagged'],
      min,
      max,
      page: 1,
    });
  };

  const clear = () => {
    setRangeError(null);
    props.onApply({ ...filters, status: '', template: '', flagged: '', min: '', max: '', page: 1 });
  };

  return (
    <form className="card filter-form no-print" aria-label="Filter interviews" onSubmit={submit}>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-status`}>Status</label>
          <select id={`${id}-status`} name="status" defaultValue={filters.status}>
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-template`}>Template</label>
          <select id={`${id}-template`} name="template" defaultValue={filters.template}>
            <option value="">Any template</option>
            {props.templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-flagged`}>Flagged</label>
          <select id={`${id}-flagged`} name="flagged" defaultValue={filters.flagged}>
            <option value="">Flagged or not</option>
            <option value="yes">Flagged only</option>
            <option value="no">Not flagged</option>
          </select>
        </div>
        <fieldset className="score-range" aria-describedby={rangeError ? `${id}-range` : undefined}>
          <legend>Total score range (0–100)</legend>
          <div className="score-range-inputs">
            <div className="field">
              <label htmlFor={`${id}-from`}>Lowest total</label>
              <input
                id={`${id}-from`}
                name="min"
                type="number"
                inputMode="decimal"
                min={0}
                max={100}
                step="any"
                defaultValue={filters.min}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>Highest total</label>
              <input id={`${id}-to`} name="max" type="number" inputMode="decimal" min={0} max={100} step="any" defaultValue={filters.max} />
            </div>
          </div>
          {rangeError && (
            <p id={`${id}-range`} role="alert" className="field-error">
              {rangeError}
            </p>
          )}
        </fieldset>
      </div>
      <div className="row">
        <button type="submit" className="primary">
          Apply filters
        </button>
        {hasFilters(filters) && (
          <button type="button" onClick={clear}>
            Clear filters
          </button>
        )}
      </div>
    </form>
  );
}
