import { type ReactNode, useEffect, useRef } from 'react';
import { ApiError } from '../api/client';

/**
 * Every screen starts with this: it sets the document title and moves focus to the heading on
 * navigation, so screen-reader and keyboard users land at the top of the new page.
 */
export function Page(props: { title: string; actions?: ReactNode; children: ReactNode; wide?: boolean }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${props.title} · Mock Interview`;
    heading.current?.focus();
  }, [props.title]);
  return (
    <div className={props.wide ? 'page page-wide' : 'page'}>
      <div className="page-head">
        <h1 ref={heading} tabIndex={-1}>
          {props.title}
        </h1>
        {props.actions && <div className="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="muted" aria-live="polite">
      {label}
    </p>
  );
}

/** Shows an API error's message (never a stack) in an alert region. */
export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : 'Something went wrong';
  return (
    <p role="alert" className="alert">
      {message}
    </p>
  );
}

export function OfflineBadge() {
  return (
    <span className="badge badge-warn" title="No language model is configured: scores come from the deterministic offline grader">
      Offline grader estimate
    </span>
  );
}
