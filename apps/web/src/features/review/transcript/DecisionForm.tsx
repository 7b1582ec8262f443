import { type FormEvent, useId, useState } from 'react';
import { ErrorNote } from '../../../ui/page';
import { useDecision } from '../api';
import { DECISIONS, decisionLabel, formatDate } from '../format';
import type { DecisionKind, DecisionRecord } from '../types';

/** The signed-in reviewer's hiring decision; each reviewer has one, and saving again replaces it. */
export function DecisionForm(props: { interviewId: string; mine: DecisionRecord | undefined }) {
  const id = useId();
  const save = useDecision(props.interviewId);
  const [decision, setDecision] = useState<DecisionKind | ''>(props.mine?.decision ?? '');
  const [notes, setNotes] = useState(props.mine?.notes ?? '');
  const [saved, setSaved] = useState<DecisionRecord | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!decision) return;
    setSaved(null);
    save.mutate({ decision, notes }, { onSuccess: setSaved });
  };

  return (
    <form className="form decision-form no-print" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>{props.mine ? 'Your decision' : 'Record your decision'}</h3>
      <div role="radiogroup" aria-labelledby={`${id}-legend`} aria-required="true" className="decision-options">
        <span id={`${id}-legend`} className="legend">
          Decision
        </span>
        {DECISIONS.map((d) => (
          <label key={d.value} className="radio">
            <input
              type="radio"
              name={`${id}-decision`}
              value={d.value}
              required
              checked={decision === d.value}
              onChange={() => {
                setDecision(d.value);
                setSaved(null);
              }}
            />
            {d.label}
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>
          Notes <span className="muted">(optional, seen by your team only)</span>
        </label>
        <textarea id={`${id}-notes`} className="short" rows={4} maxLength={5000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending || !decision}>
          {save.isPending ? 'Saving…' : 'Save decision'}
        </button>
        <p aria-live="polite" className="save-status">
          {saved && `Decision saved: ${decisionLabel(saved.decision)} (${formatDate(saved.updatedAt)}).`}
        </p>
      </div>
      <ErrorNote error={save.error} />
    </form>
  );
}
