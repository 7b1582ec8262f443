import type { RubricDefinition } from '@interview/contracts/rubric';
import { type FormEvent, useState } from 'react';
import { ErrorSummary, type FieldErrors, serverFieldErrors } from '../../../ui/form-errors';
import { InputField, SelectField, TextAreaField } from '../../../ui/form-fields';
import { ErrorNote } from '../../../ui/page';
import { useAddCalibration } from './queries';

const ID = 'calibration';

/** Adds a calibration answer with the score an expert expects on each criterion (at least one). */
export function CalibrationForm(props: { rubricId: string; definition: RubricDefinition; onAdded: (message: string) => void }) {
  const { definition } = props;
  const [answer, setAnswer] = useState('');
  const [note, setNote] = useState('');
  const [scores, setScores] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const add = useAddCalibration(props.rubricId);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!answer.trim()) found.answer = 'Paste the answer to calibrate with.';
    if (answer.length > 20_000) found.answer = 'Keep the answer under 20,000 characters.';
    const expectedScores = Object.fromEntries(
      Object.entries(scores)
        .filter(([, v]) => v !== '')
        .map(([k, v]) => [k, Number(v)]),
    );
    if (Object.keys(expectedScores).length === 0) found.expectedScores = 'Give the expected score for at least one criterion.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    add.mutate(
      { answer, expectedScores, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (item) => {
          setAnswer('');
          setNote('');
          setScores({});
          props.onAdded(`Calibration answer added${item.expectedTotal === null ? '' : ` (expected total ${item.expectedTotal})`}.`);
        },
        onError: (err) => setErrors(serverFieldErrors(err)),
      },
    );
  };

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="calibration-add-title">
      <h3 id="calibration-add-title">Add a calibration answer</h3>
      <ErrorSummary idPrefix={ID} errors={errors} title="The calibration answer was not added:" />
      <TextAreaField
        idPrefix={ID}
        path="answer"
        errors={errors}
        label="Answer to calibrate with"
        className="field medium-textarea"
        value={answer}
        maxLength={20_000}
        onChange={(e) => setAnswer(e.target.value)}
      />
      <fieldset
        id={`${ID}-expectedScores`}
        tabIndex={-1}
        aria-describedby={errors.expectedScores ? `${ID}-expectedScores-error` : undefined}
      >
        <legend>Expected scores (0 to 4; leave a criterion unset to skip it)</legend>
        <div className="grid">
          {definition.criteria.map((c) => (
            <SelectField
              key={c.key}
              idPrefix={ID}
              path={`expectedScores.${c.key}`}
              errors={errors}
              label={`Expected score for ${c.title}`}
              value={scores[c.key] ?? ''}
              onChange={(e) => setScores((s) => ({ ...s, [c.key]: e.target.value }))}
            >
              <option value="">Not set</option>
              {[0, 1, 2, 3, 4].map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </SelectField>
          ))}
        </div>
        {errors.expectedScores && (
          <p id={`${ID}-expectedScores-error`} className="field-error">
            <strong>Error:</strong> {errors.expectedScores}
          </p>
        )}
      </fieldset>
      <InputField
        idPrefix={ID}
        path="note"
        errors={errors}
        label="Note (optional)"
        hint="Why these scores, for whoever reviews the calibration later."
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
      />
      <ErrorNote error={add.error && Object.keys(serverFieldErrors(add.error)).length === 0 ? add.error : null} />
      <div className="row">
        <button type="submit" disabled={add.isPending}>
          Add calibration answer
        </button>
      </div>
    </form>
  );
}
