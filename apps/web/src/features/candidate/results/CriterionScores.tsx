import type { CriterionResult } from '../types';
import { criterionAnchor, evidenceAnchor } from './evidence';
import { humanise } from './labels';

/** One criterion's score out of 4, with a reviewer's override stated in words. */
function Score({ c }: { c: CriterionResult }) {
  const overridden = c.overriddenScore !== null && c.overriddenScore !== undefined;
  const shown = overridden ? c.overriddenScore : c.score;
  if (shown === null || shown === undefined) return <span className="score muted">Not scored: not enough evidence</span>;
  return (
    <span className="score">
      <strong>{shown} / 4</strong>
      {overridden && c.overriddenScore !== c.score && (
        <span className="muted"> (adjusted by a reviewer; the automatic score was {c.score === null ? 'none' : `${c.score} / 4`})</span>
      )}
    </span>
  );
}

/** The per-criterion scores with the level reached, the reasoning and links to the evidence in the answer. */
export function CriterionScores({
  itemId,
  criteria,
  located,
}: {
  itemId: string;
  criteria: CriterionResult[];
  located: ReadonlyMap<string, unknown>;
}) {
  return (
    <ol className="criteria plain-list">
      {criteria.map((c, ci) => (
        <li key={c.key} id={criterionAnchor(itemId, c.key)} className="criterion">
          <div className="criterion-head">
            <h4>
              <span className="criterion-number">{ci + 1}</span> {c.title ?? humanise(c.key)}
            </h4>
            <Score c={c} />
            {c.needsReview && <span className="badge badge-warn">Reviewer check</span>}
          </div>
          {c.levelDescriptor && (
            <p className="level">
              <span className="muted">Level reached: </span>
              {c.levelDescriptor}
            </p>
          )}
          {c.reasoning && (
            <p>
              <span className="muted">Why: </span>
              {c.reasoning}
            </p>
          )}
          {c.evidence.length > 0 && (
            <ul className="quotes">
              {c.evidence.map((e, ei) => {
                const anchor = evidenceAnchor(itemId, ci, ei);
                return (
                  <li key={ei}>
                    <q>{e.quote}</q>{' '}
                    {located.has(anchor) && (
                      <a href={`#${anchor}`} aria-label={`Show quote ${ei + 1} of ${c.title ?? humanise(c.key)} in your answer`}>
                        Show in answer
                      </a>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
