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
          <Quotes itemId={itemId} criterion={ci} c={c} located={located} />
        </li>
      ))}
    </ol>
  );
}

/** The evidence quotes found in the candidate's own words, each linking to its highlight. */
function Quotes({
  itemId,
  criterion,
  c,
  located,
}: {
  itemId: string;
  criterion: number;
  c: CriterionResult;
  located: ReadonlyMap<string, unknown>;
}) {
  const quotes = c.evidence
    .map((e, ei) => ({ quote: e.quote, anchor: evidenceAnchor(itemId, criterion, ei) }))
    .filter((q) => located.has(q.anchor));
  if (quotes.length === 0) return null;
  const title = c.title ?? humanise(c.key);
  return (
    <>
      <p className="muted quotes-title">Evidence from your answer:</p>
      <ul className="quotes">
        {quotes.map((q, i) => (
          <li key={q.anchor}>
            <q>{q.quote}</q>{' '}
            <a href={`#${q.anchor}`} aria-label={`Show quote ${i + 1} for ${title} in your answer`}>
              Show in answer
            </a>
          </li>
        ))}
      </ul>
    </>
  );
}
