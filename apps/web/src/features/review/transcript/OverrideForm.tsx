import { type FormEvent, useId, useState } from 'react';
import { ErrorNote } from '../../../ui/page';
import { useOverride } from '../api';
import { formatTotal } from '../format';
import type { OverrideResult, TranscriptCriterion } from '../types';
import { totalWith } from './totals';

/** A whole score 0–4, or null for anything else typed. */
const parseScore = (v: string) => (/^[0-4]$/.test(v.trim()) ? Number(v.trim()) : null);

/** A reviewer's score for one criterion, with a required reason; the AI's own score is never changed. */
export function OverrideForm(props: { gradeId: string; criterion: TranscriptCriterion; criteria: readonly TranscriptCriterion[] }) {
  const { criterion } = props;
  const id = useId();
  const save = useOverride(props.gradeId);
  const [score, setScore] = useState(criterion.score === null ? '' : String(criterion.score));
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saved, setSaved] = useState<OverrideResult | null>(null);
  const chosen = parseScore(score);
  const currentTotal = totalWith(props.criteria, criterion.key, criterion.score);
  const previewTotal = totalWith(props.criteria, criterion.key, chosen);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === null) return;
    if (reason.trim().length < 3) {
      setReasonError('Give a reason of at least 3 characters: it is kept with the override for the audit trail.');
      return;
    }
    setReasonError(null);
    setSaved(null);
    save.mutate(
      { criterionKey: criterion.key, score: chosen, reason: reason.trim() },
      {
        onSuccess: (result) => {
          setSaved(result);
          setReason('');
        },
      },
    );
  };

  return (
    <form className="override-form no-print" aria-label={`Override ${criterion.title}`} onSubmit={submit}>
      <div className="override-fields">
        <div className="field">
          <label htmlFor={`${id}-score`}>Override score for {criterion.title}</label>
          <input
            id={`${id}-score`}
            type="number"
            inputMode="numeric"
            min={0}
            max={4}
            step={1}
            required
            value={score}
            aria-invalid={score !== '' && chosen === null ? true : undefined}
            aria-describedby={`${id}-preview`}
            onChange={(e) => {
              setScore(e.target.value);
              setSaved(null);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason</label>
          <textarea
            id={`${id}-reason`}
            className="short"
            rows={3}
            required
            minLength={3}
            maxLength={2000}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? `${id}-reason-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
        </div>
      </div>
      {reasonError && (
        <p id={`${id}-reason-error`} className="field-error" role="alert">
          {reasonError}
        </p>
      )}
      <p id={`${id}-preview`} className="muted small">
        Whole points 0–4; the AI gave {criterion.aiScore ?? 'no score'}.{' '}
        {score !== '' && chosen === null
          ? 'Enter a whole number from 0 to 4.'
          : chosen !== null && chosen !== criterion.score
            ? `Question total with ${chosen}/4: ${formatTotal(previewTotal)} (now ${formatTotal(currentTotal)}).`
            : `Question total now: ${formatTotal(currentTotal)}.`}
      </p>
      <div className="row">
        <button type="submit" disabled={save.isPending || chosen === null}>
          {save.isPending ? 'Saving…' : 'Save override'}
        </button>
        <p aria-live="polite" className="save-status">
          {saved &&
            `Override saved: ${saved.override.score}/4 (AI ${saved.override.aiScore ?? 'none'}). Question total ${formatTotal(saved.total)} (AI ${formatTotal(saved.aiTotal)}); interview total ${formatTotal(saved.interviewTotal)}.`}
        </p>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
