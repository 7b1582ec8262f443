import { useEffect, useId, useRef, useState } from 'react';
import { ErrorNote } from '../../../ui/page';
import { useRelease } from '../api';
import { formatDate, isFinished, statusLabel } from '../format';
import type { Transcript } from '../types';

/**
 * Shows a finished interview's results to its candidate, after an explicit confirmation. A
 * practice interview's candidate sees results already; releasing it only records the moment.
 */
export function ReleasePanel({ interview }: { interview: Transcript['interview'] }) {
  const id = useId();
  const release = useRelease(interview.id);
  const [confirming, setConfirming] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const releaseButton = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // The two steps swap buttons: keep keyboard focus on whichever is shown.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (asked.current) releaseButton.current?.focus();
    asked.current = confirming;
  }, [confirming]);
  const finished = isFinished(interview.status);
  const released = interview.resultsReleasedAt;

  const why = released
    ? `Results were released to the candidate on ${formatDate(released)}.`
    : !finished
      ? `Results can be released once the interview is completed or expired; it is ${statusLabel(interview.status).toLowerCase()}.`
      : interview.mode === 'practice'
        ? 'Practice interview: the candidate already sees their results. Releasing records that you reviewed them.'
        : 'The candidate cannot see scores, evidence or advice until you release them.';

  return (
    <section aria-labelledby={`${id}-title`} className="card release no-print">
      <h2 id={`${id}-title`}>Release results to candidate</h2>
      <p id={`${id}-why`} className={released ? 'released' : undefined}>
        {released && (
          <span className="badge badge-ok">
            <span aria-hidden="true">✓ </span>Released
          </span>
        )}{' '}
        {why}
      </p>
      {confirming && !released ? (
        <div className="confirm">
          <p id={`${id}-confirm`}>
            <strong>Release the results to {interview.candidate.name}?</strong> They will see every score (with your overrides), the
            evidence quotes and the advice. This cannot be undone.
          </p>
          <div className="row">
            <button
              ref={confirmButton}
              type="button"
              className="primary"
              aria-describedby={`${id}-confirm`}
              disabled={release.isPending}
              onClick={() => release.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {release.isPending ? 'Releasing…' : 'Confirm release'}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button
          ref={releaseButton}
          type="button"
          disabled={!finished || released !== null}
          aria-describedby={`${id}-why`}
          onClick={() => setConfirming(true)}
        >
          Release results
        </button>
      )}
      <p aria-live="polite" className="save-status">
        {release.data && `Results released on ${formatDate(release.data.resultsReleasedAt)}.`}
      </p>
      <ErrorNote error={release.error} />
    </section>
  );
}
