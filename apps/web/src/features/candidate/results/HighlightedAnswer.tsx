import { Fragment } from 'react';
import { criterionAnchor, type Passage, type Quote, segmentsOf } from './evidence';

interface Props {
  itemId: string;
  passage: Passage;
  quotes: readonly Quote[];
  homes: ReadonlyMap<string, string>;
  /** Criterion keys and titles, in the order quotes number them. */
  criteria: readonly { key: string; title: string }[];
}

/**
 * The candidate's own words with the grader's evidence quotes marked. Each highlight says (to
 * screen readers too) which criterion it is evidence for, and links to that criterion by number.
 */
export function HighlightedAnswer({ itemId, passage, quotes, criteria, homes }: Props) {
  if (!passage.text) return <p className="muted">No answer was given.</p>;
  const segments = segmentsOf(passage, quotes, homes);
  /** A criterion's number follows the end of its highlight, not every run inside it. */
  const endsHere = (i: number, c: number) => !segments[i + 1]?.criteria.includes(c);
  return (
    <div className="answer-text">
      {segments.map((seg, i) => (
        // Segments never reorder, so their index is a stable key.
        <Fragment key={i}>
          {seg.anchors.map((a) => (
            <span key={a} id={a} className="anchor" />
          ))}
          {seg.criteria.length === 0 ? (
            seg.text
          ) : (
            <>
              <mark data-criteria={seg.criteria.map((c) => c + 1).join(' ')}>
                <span className="sr-only">
                  Evidence for {seg.criteria.map((c) => criteria[c]?.title ?? `criterion ${c + 1}`).join(' and ')}:{' '}
                </span>
                {seg.text}
              </mark>
              {seg.criteria
                .filter((c) => endsHere(i, c))
                .map((c) => (
                  <a
                    key={c}
                    className="ev-ref"
                    href={`#${criterionAnchor(itemId, criteria[c]?.key ?? '')}`}
                    aria-label={`Go to criterion ${c + 1}: ${criteria[c]?.title ?? ''}`}
                    title={criteria[c]?.title}
                  >
                    {c + 1}
                  </a>
                ))}
            </>
          )}
        </Fragment>
      ))}
    </div>
  );
}
