import { FieldError, type FieldErrors, fieldId } from '../../../ui/form-errors';
import { InputField, TextAreaField } from '../../../ui/form-fields';
import { type KeyPointForm, newKeyPoint, newRedFlag, type RedFlagForm } from './rubric-form';

const ID = 'rubric';

/** The key points of one criterion: what a strong answer states, and the phrasings graders accept. */
export function KeyPointsFields(props: {
  base: string;
  name: string;
  items: KeyPointForm[];
  errors: FieldErrors;
  onChange: (items: KeyPointForm[], announce?: string) => void;
}) {
  const { base, name, items, errors } = props;
  const update = (j: number, patch: Partial<KeyPointForm>) => props.onChange(items.map((k, i) => (i === j ? { ...k, ...patch } : k)));
  return (
    <fieldset className="sub-group" id={fieldId(ID, `${base}.keyPoints`)} tabIndex={-1}>
      <legend>Key points for {name}</legend>
      <FieldError idPrefix={ID} path={`${base}.keyPoints`} errors={errors} />
      {items.map((k, j) => {
        const p = `${base}.keyPoints.${j}`;
        return (
          <div key={k.uid} className="list-item">
            <TextAreaField
              idPrefix={ID}
              path={`${p}.point`}
              errors={errors}
              className="field short-textarea"
              label={`Key point ${j + 1} for ${name}`}
              value={k.point}
              onChange={(e) => update(j, { point: e.target.value })}
            />
            <div className="grid-2">
              <InputField
                idPrefix={ID}
                path={`${p}.synonyms`}
                errors={errors}
                label={`Synonyms for key point ${j + 1} of ${name}`}
                hint="Other phrasings the graders accept, separated by commas."
                value={k.synonyms}
                onChange={(e) => update(j, { synonyms: e.target.value })}
              />
              <InputField
                idPrefix={ID}
                path={`${p}.id`}
                errors={errors}
                label={`ID of key point ${j + 1} of ${name}`}
                hint="Lower-case kebab-case; grades refer to it."
                value={k.id}
                onChange={(e) => update(j, { id: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="danger small-button"
              aria-label={`Remove key point ${j + 1} of ${name}`}
              onClick={() =>
                props.onChange(
                  items.filter((_, i) => i !== j),
                  `Removed key point ${j + 1} of ${name}.`,
                )
              }
            >
              Remove key point
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small-button"
        aria-label={`Add key point to ${name}`}
        onClick={() => props.onChange([...items, newKeyPoint(items.map((k) => k.id))], `Added key point ${items.length + 1} to ${name}.`)}
      >
        Add key point
      </button>
    </fieldset>
  );
}

/** The red flags of one criterion: misconceptions that lower the score, with phrases the offline grader spots. */
export function RedFlagsFields(props: {
  base: string;
  name: string;
  items: RedFlagForm[];
  errors: FieldErrors;
  onChange: (items: RedFlagForm[], announce?: string) => void;
}) {
  const { base, name, items, errors } = props;
  const update = (j: number, patch: Partial<RedFlagForm>) => props.onChange(items.map((r, i) => (i === j ? { ...r, ...patch } : r)));
  return (
    <fieldset className="sub-group">
      <legend>Red flags for {name}</legend>
      {items.length === 0 && <p className="muted">No red flags.</p>}
      {items.map((r, j) => {
        const p = `${base}.redFlags.${j}`;
        return (
          <div key={r.uid} className="list-item">
            <TextAreaField
              idPrefix={ID}
              path={`${p}.text`}
              errors={errors}
              className="field short-textarea"
              label={`Red flag ${j + 1} for ${name}`}
              value={r.text}
              onChange={(e) => update(j, { text: e.target.value })}
            />
            <div className="grid-2">
              <InputField
                idPrefix={ID}
                path={`${p}.phrases`}
                errors={errors}
                label={`Phrases for red flag ${j + 1} of ${name}`}
                hint="Phrases that reveal the misconception, separated by commas (optional)."
                value={r.phrases}
                onChange={(e) => update(j, { phrases: e.target.value })}
              />
              <InputField
                idPrefix={ID}
                path={`${p}.id`}
                errors={errors}
                label={`ID of red flag ${j + 1} of ${name}`}
                hint="Lower-case kebab-case."
                value={r.id}
                onChange={(e) => update(j, { id: e.target.value })}
              />
            </div>
            <button
              type="button"
              className="danger small-button"
              aria-label={`Remove red flag ${j + 1} of ${name}`}
              onClick={() =>
                props.onChange(
                  items.filter((_, i) => i !== j),
                  `Removed red flag ${j + 1} of ${name}.`,
                )
              }
            >
              Remove red flag
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="small-button"
        aria-label={`Add red flag to ${name}`}
        onClick={() => props.onChange([...items, newRedFlag(items.map((r) => r.id))], `Added red flag ${items.length + 1} to ${name}.`)}
      >
        Add red flag
      </button>
    </fieldset>
  );
}
