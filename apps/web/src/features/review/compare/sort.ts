import type { SortDirection } from '../SortHeader';
import type { ReportRow } from '../types';

/** Columns the comparison sorts by: candidate, total, decision, or one question (`q0`, `q1`…). */
export type CompareColumn = 'candidate' | 'total' | 'decision' | `q${number}`;

const DECISION_RANK = { strong_no: 0, no: 1, mixed: 2, yes: 3, strong_yes: 4 } as const;

function value(row: ReportRow, column: CompareColumn): string | number | null {
  if (column === 'candidate') return row.candidate.name.toLowerCase();
  if (column === 'total') return row.total;
  if (column === 'decision') return row.decision === null ? null : DECISION_RANK[row.decision];
  return row.questionTotals[Number(column.slice(1))] ?? null;
}

/** Sorted rows; rows without a value go last in either direction. */
export function sortRows(rows: readonly ReportRow[], column: CompareColumn, direction: SortDirection): ReportRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, column);
    const y = value(b, column);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    if (x < y) return -sign;
    if (x > y) return sign;
    return 0;
  });
}

export function readColumn(v: string | null): CompareColumn {
  if (v === 'candidate' || v === 'total' || v === 'decision') return v;
  if (v && /^q\d{1,2}$/.test(v)) return v as CompareColumn;
  return 'total';
}
