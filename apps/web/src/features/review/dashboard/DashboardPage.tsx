import { useSearchParams } from 'react-router';
import { ErrorNote, Loading } from '../../../ui/page';
import { useInterviews, useTemplates } from '../api';
import { ReviewPage } from '../ReviewPage';
import { FilterForm } from './FilterForm';
import { apiQuery, type Filters, hasFilters, PAGE_SIZE, readFilters, writeFilters } from './filters';
import { InterviewTable } from './InterviewTable';
import { InviteForm } from './InviteForm';
import { ScheduleForm } from './ScheduleForm';

/** `/review`: the organisation's interviews, filtered and sorted through the URL, and scheduling. */
export default function DashboardPage() {
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const interviews = useInterviews(apiQuery(filters));
  const templates = useTemplates();
  const apply = (next: Filters) => setParams(writeFilters(next));
  const rows = interviews.data ?? [];
  const first = (filters.page - 1) * PAGE_SIZE;

  return (
    <ReviewPage
      title="Interviews"
      actions={
        <a className="button" href="#schedule">
          Schedule interview
        </a>
      }
    >
      <FilterForm key={params.toString()} filters={filters} templates={templates.data ?? []} onApply={apply} />
      <section aria-labelledby="interviews-heading" className="stack" aria-busy={interviews.isFetching}>
        <h2 id="interviews-heading">
          {hasFilters(filters) ? 'Matching interviews' : 'All interviews'}
          {interviews.isSuccess && rows.length > 0 && (
            <span className="muted small heading-note">
              {' '}
              {first + 1}–{first + rows.length}
            </span>
          )}
        </h2>
        {interviews.isPending ? (
          <Loading label="Loading interviews…" />
        ) : interviews.error ? (
          <ErrorNote error={interviews.error} />
        ) : rows.length === 0 ? (
          <div className="card empty">
            {hasFilters(filters) || filters.page > 1 ? (
              <p>
                No interviews match these filters.{' '}
                <button type="button" className="link" onClick={() => setParams(new URLSearchParams())}>
                  Show all interviews
                </button>
              </p>
            ) : (
              <p>
                No interviews yet. <a href="#schedule">Schedule the first one</a>: pick a template and a candidate, or invite a candidate by
                email.
              </p>
            )}
          </div>
        ) : (
          <>
            <InterviewTable interviews={rows} sort={filters.sort} onSort={(sort) => apply({ ...filters, sort, page: 1 })} />
            {(filters.page > 1 || rows.length === PAGE_SIZE) && (
              <nav aria-label="Pages" className="row pager no-print">
                <button type="button" disabled={filters.page <= 1} onClick={() => apply({ ...filters, page: filters.page - 1 })}>
                  Previous page
                </button>
                <span className="muted">Page {filters.page}</span>
                <button type="button" disabled={rows.length < PAGE_SIZE} onClick={() => apply({ ...filters, page: filters.page + 1 })}>
                  Next page
                </button>
              </nav>
            )}
          </>
        )}
        <p className="sr-only" aria-live="polite">
          {interviews.isSuccess && !interviews.isPlaceholderData ? `${rows.length} interviews shown.` : ''}
        </p>
      </section>
      <section id="schedule" aria-labelledby="schedule-heading" className="card schedule no-print" tabIndex={-1}>
        <h2 id="schedule-heading">Schedule interview</h2>
        {templates.isPending ? (
          <Loading label="Loading templates…" />
        ) : templates.error ? (
          <ErrorNote error={templates.error} />
        ) : (
          <div className="schedule-grid">
            <ScheduleForm templates={templates.data} />
            <InviteForm />
          </div>
        )}
      </section>
    </ReviewPage>
  );
}
