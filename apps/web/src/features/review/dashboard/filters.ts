import { STATUSES } from '../format';
import type { InterviewStatus } from '../types';

export const PAGE_SIZE = 50;

export const SORTS = ['created_desc', 'created_asc', 'score_desc', 'score_asc'] as const;
export type Sort = (typeof SORTS)[number];

/** The dashboard's filters, as kept in the URL so they survive a reload and can be shared. */
export interface Filters {
  status: InterviewStatus | '';
  template: string;
  flagged: 'yes' | 'no' | '';
  min: string;
  max: string;
  sort: Sort;
  page: number;
}

const isStatus = (v: string | null): v is InterviewStatus => STATUSES.some((s) => s.value === v);
const isSort = (v: string | null): v is Sort => SORTS.includes(v as Sort);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const score = (v: string | null) => (v !== null && /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100 ? v : '');

/** Reads the filters from the URL, ignoring anything malformed. */
export function readFilters(params: URLSearchParams): Filters {
  const status = params.get('status');
  const flagged = params.get('flagged');
  const sort = params.get('sort');
  const page = Number(params.get('page'));
  return {
    status: isStatus(status) ? status : '',
    template: UUID.test(params.get('template') ?? '') ? (params.get('template') ?? '') : '',
    flagged: flagged === 'yes' || flagged === 'no' ? flagged : '',
    min: score(params.get('min')),
    max: score(params.get('max')),
    sort: isSort(sort) ? sort : 'created_desc',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL search params for some filters; defaults are left out to keep links short. */
export function writeFilters(f: Filters): URLSearchParams {
  const out = new URLSearchParams();
  if (f.status) out.set('status', f.status);
  if (f.template) out.set('template', f.template);
  if (f.flagged) out.set('flagged', f.flagged);
  if (f.min) out.set('min', f.min);
  if (f.max) out.set('max', f.max);
  if (f.sort !== 'created_desc') out.set('sort', f.sort);
  if (f.page > 1) out.set('page', String(f.page));
  return out;
}

/** The query string GET /api/interviews understands. */
export function apiQuery(f: Filters): string {
  const out = new URLSearchParams({ sort: f.sort, limit: String(PAGE_SIZE), offset: String((f.page - 1) * PAGE_SIZE) });
  if (f.status) out.set('status', f.status);
  if (f.template) out.set('templateId', f.template);
  if (f.flagged) out.set('flagged', f.flagged === 'yes' ? 'true' : 'false');
  if (f.min) out.set('minScore', f.min);
  if (f.max) out.set('maxScore', f.max);
  return out.toString();
}

export const hasFilters = (f: Filters) => Boolean(f.status || f.template || f.flagged || f.min || f.max);

/** Flips a column between its two directions, starting with the most useful one. */
export function nextSort(current: Sort, column: 'created' | 'score'): Sort {
  if (column === 'created') return current === 'created_desc' ? 'created_asc' : 'created_desc';
  return current === 'score_desc' ? 'score_asc' : 'score_desc';
}
