import { FLAGS, flagLabel } from './format';
import type { GradeFlag } from './types';

/** Each flag as a worded badge, with a symbol so the tone never rests on colour alone. */
export function FlagBadges({ flags }: { flags: readonly GradeFlag[] }) {
  if (flags.length === 0) return null;
  return (
    <ul className="badge-list" aria-label="Flags">
      {flags.map((f) => {
        const tone = FLAGS[f]?.tone ?? 'warn';
        return (
          <li key={f}>
            <span className={`badge badge-${tone}`}>
              <span aria-hidden="true">{tone === 'danger' ? '✖ ' : '⚠ '}</span>
              {flagLabel(f)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/** A single "Flagged" marker for lists that only know whether something was flagged. */
export function FlaggedBadge() {
  return (
    <span className="badge badge-warn">
      <span aria-hidden="true">⚠ </span>Flagged
    </span>
  );
}
