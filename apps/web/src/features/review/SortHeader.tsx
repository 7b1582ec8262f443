import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';

/**
 * A column header that sorts its table. The state is announced through aria-sort; the arrow is
 * decoration. `active` is the direction this column sorts in now, or null.
 */
export function SortHeader(props: { label: ReactNode; active: SortDirection | null; onSort: () => void; className?: string }) {
  const ariaSort = props.active === 'asc' ? 'ascending' : props.active === 'desc' ? 'descending' : 'none';
  return (
    <th scope="col" aria-sort={ariaSort} className={props.className}>
      <button type="button" className="sort-button" onClick={props.onSort}>
        {props.label}
        <span aria-hidden="true" className="sort-arrow">
          {props.active === 'asc' ? '▲' : props.active === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
