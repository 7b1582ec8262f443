import { formatDate } from '../format';
import type { TranscriptCriterion } from '../types';
import type { Highlight } from './evidence';
import { jumpTo } from './jump';
import { OverrideForm } from './OverrideForm';

const scoreText = (s: number | null) => (s === null ? 'no score (insufficient evidence)' : `${s} / 4`);

/** One rubric criterion: AI score and reasoning, the quotes behind it, any override, and the override form. */
export function CriterionCard(props: {
  anchor: string;
  number: number;
  gradeId: string;
  criterion: TranscriptCriterion;
  criteria: readonly TranscriptCriterion[];
  highlights: readonly Highlight[];
  missing: readonly string[];
  levelDescriptor: string | undefined;
  keyPointText: (id: string) => string;
  selected: boolean;
  onSelect: (key: string | null) => void;
}) {
  const { criterion: c, anchor } = props;
  const titleId = `${anchor}-title`;
  return (
    <article id={anchor} tabIndex={-1} aria-labelledby={titleId} className={props.selected ? 'criterion criterion-selected' : 'criterion'}>
      <h4 id={titleId}>
        <span className="crit-num">C{props.number}</span> {c.title} <span className="muted small">(weight {c.weight})</span>
      </h4>
      <p className="score-line">
        <span>
          AI score: <strong>{scoreText(c.aiScore)}</strong>
        </span>
        {c.override ? (
          <span>
            Override: <strong>{c.override.score} / 4</strong>{' '}
            <span className="badge">
              <span aria-hidden="true">✎ </span>Overridden by {c.override.reviewer.name}
            </span>
          </span>
        ) : (
          <span className="muted">Not overridden</span>
        )}
        {c.needsReview && (
          <span className="badge badge-warn">
            <span aria-hidden="true">⚠ </span>Needs human review
          </span>
        )}
      </p>
      {c.override && (
        <p className="override-reason">
          <strong>Reason:</strong> {c.override.reason}{' '}
          <span className="muted small">
            ({formatDate(c.override.createdAt)}
            {c.override.aiScore !== c.aiScore ? `; AI score then ${c.override.aiScore ?? 'none'}` : ''})
          </span>
        </p>
      )}
      {props.levelDescriptor && c.score !== null && (
        <p>
          <strong>Level {c.score}:</strong> {props.levelDescriptor}
        </p>
      )}
      <h5>AI reasoning</h5>
      <p className="reasoning">{c.reasoning || <span className="muted">No reasoning recorded.</span>}</p>

      <h5>Evidence</h5>
      {props.highlights.length === 0 && props.missing.length === 0 ? (
        <p className="muted">No quotes from the answer.</p>
      ) : (
        <>
          <ul className="quotes">
            {props.highlights.map((h) => (
              <li key={h.id}>
                <q>{h.quote}</q>{' '}
                <a
                  className="no-print"
                  href={`#${h.id}`}
                  onClick={(e) => {
                    props.onSelect(c.key);
                    jumpTo(e, h.id);
                  }}
                >
                  Show in answer
                </a>
              </li>
            ))}
            {props.missing.map((q) => (
              <li key={q}>
                <q>{q}</q> <span className="muted small">(not found in the answer text)</span>
              </li>
            ))}
          </ul>
          {props.highlights.length > 0 && (
            <button type="button" aria-pressed={props.selected} onClick={() => props.onSelect(props.selected ? null : c.key)}>
              {props.selected ? 'Stop highlighting' : 'Highlight quotes'}
              <span className="sr-only"> for {c.title}</span>
            </button>
          )}
        </>
      )}
      {(c.keyPointsCovered.length > 0 || c.keyPointsMissed.length > 0) && (
        <div className="key-points">
          {c.keyPointsCovered.length > 0 && (
            <div>
              <h5>Key points covered</h5>
              <ul>
                {c.keyPointsCovered.map((k) => (
                  <li key={k}>
                    <span aria-hidden="true">✓ </span>
                    {props.keyPointText(k)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {c.keyPointsMissed.length > 0 && (
            <div>
              <h5>Key points missed</h5>
              <ul>
                {c.keyPointsMissed.map((k) => (
                  <li key={k}>
                    <span aria-hidden="true">✗ </span>
                    {props.keyPointText(k)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
      {c.overrideHistory.length > 0 && (
        <details className="history">
          <summary>Earlier overrides ({c.overrideHistory.length})</summary>
          <ul>
            {c.overrideHistory.map((o) => (
              <li key={o.id}>
                {o.score} / 4 by {o.reviewer.name}, {formatDate(o.createdAt)}: {o.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <OverrideForm gradeId={props.gradeId} criterion={c} criteria={props.criteria} />
    </article>
  );
}
