import { Fragment } from 'react';
import { type Highlight, type Segment, type ShownBounds, splitSegment } from './evidence';
import { jumpTo } from './jump';

export interface CriterionRef {
  key: string;
  number: number;
  title: string;
}

/**
 * One displayed part of the graded text with its evidence quotes in <mark>. Each quote ends with
 * a link naming its criterion ("C2"); quotes of the selected criterion are emphasised.
 */
export function AnswerText(props: {
  segment: Segment;
  highlights: readonly Highlight[];
  bounds: ReadonlyMap<string, ShownBounds>;
  criteria: ReadonlyMap<string, CriterionRef>;
  selected: string | null;
  onSelect: (key: string) => void;
  criterionAnchor: (key: string) => string;
  className?: string;
}) {
  const { criteria, selected } = props;
  const pieces = splitSegment(props.segment, props.highlights, props.bounds);
  const Tag = props.segment.role === 'followup-prompt' ? 'p' : 'div';
  return (
    <Tag className={props.className}>
      {pieces.map((p) => {
        const keys = [...new Set(p.covering.map((h) => h.criterionKey))];
        const tags = p.ending.map((h) => {
          const c = criteria.get(h.criterionKey);
          if (!c) return null;
          return (
            <a
              key={h.id}
              className="ev-tag"
              href={`#${props.criterionAnchor(c.key)}`}
              aria-label={`C${c.number}: evidence for ${c.title}`}
              onClick={(e) => {
                props.onSelect(c.key);
                jumpTo(e, props.criterionAnchor(c.key));
              }}
            >
              C{c.number}
            </a>
          );
        });
        if (keys.length === 0) return <Fragment key={p.start}>{p.text}</Fragment>;
        const isSelected = selected !== null && keys.includes(selected);
        const titles = keys.map((k) => {
          const c = criteria.get(k);
          return c ? `C${c.number} ${c.title}` : k;
        });
        return (
          <Fragment key={p.start}>
            {p.starting.slice(1).map((h) => (
              <span key={h.id} id={h.id} tabIndex={-1} className="ev-anchor" />
            ))}
            <mark
              id={p.starting[0]?.id}
              tabIndex={p.starting.length > 0 ? -1 : undefined}
              className={isSelected ? 'ev ev-selected' : selected ? 'ev ev-other' : 'ev'}
              title={`Evidence for ${titles.join('; ')}`}
            >
              {p.text}
            </mark>
            {tags}
          </Fragment>
        );
      })}
    </Tag>
  );
}
