import type { FieldErrors } from '../../../ui/form-errors';
import { InputField, TextAreaField } from '../../../ui/form-fields';
import { KeyPointsFields, RedFlagsFields } from './ListItemsFields';
import { type CriterionForm, criterionName, LEVELS } from './rubric-form';

const ID = 'rubric';

/** One criterion of the rubric: every control is labelled with the criterion's title. */
export function CriterionFields(props: {
  index: number;
  criterion: CriterionForm;
  share: number;
  errors: FieldErrors;
  canRemove: boolean;
  onChange: (c: CriterionForm, announce?: string) => void;
  onRemove: () => void;
}) {
  const { index: i, criterion: c, errors } = props;
  const base = `criteria.${i}`;
  const name = criterionName(c, i);
  const set = (patch: Partial<CriterionForm>, announce?: string) => props.onChange({ ...c, ...patch }, announce);
  return (
    <fieldset className="card group-card criterion">
      <legend>
        Criterion {i + 1}: {c.title.trim() || 'untitled'}
      </legend>
      <div className="grid-3">
        <InputField
          idPrefix={ID}
          path={`${base}.title`}
          errors={errors}
          label={`Title of criterion ${i + 1}`}
          value={c.title}
          onChange={(e) => set({ title: e.target.value })}
        />
        <InputField
          idPrefix={ID}
          path={`${base}.weight`}
          errors={errors}
          label={`Weight for ${name}`}
          hint={`${props.share}% of the total score.`}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={c.weight}
          onChange={(e) => set({ weight: e.target.value })}
        />
        <InputField
          idPrefix={ID}
          path={`${base}.key`}
          errors={errors}
          label={`Key for ${name}`}
          hint="Lower-case kebab-case; grades and calibration refer to it."
          value={c.key}
          onChange={(e) => set({ key: e.target.value })}
        />
      </div>
      <TextAreaField
        idPrefix={ID}
        path={`${base}.assesses`}
        errors={errors}
        className="field short-textarea"
        label={`What ${name} assesses`}
        value={c.assesses}
        onChange={(e) => set({ assesses: e.target.value })}
      />
      <fieldset className="sub-group">
        <legend>Level descriptors for {name} (0 lowest to 4 highest, at least 10 characters each)</legend>
        {LEVELS.map((n) => (
          <TextAreaField
            key={n}
            idPrefix={ID}
            path={`${base}.levels.${n}`}
            errors={errors}
            className="field short-textarea"
            label={`Level ${n} for ${name}`}
            value={c.levels[n]}
            onChange={(e) => {
              const levels = [...c.levels] as CriterionForm['levels'];
              levels[n] = e.target.value;
              set({ levels });
            }}
          />
        ))}
      </fieldset>
      <KeyPointsFields base={base} name={name} items={c.keyPoints} errors={errors} onChange={(keyPoints, a) => set({ keyPoints }, a)} />
      <RedFlagsFields base={base} name={name} items={c.redFlags} errors={errors} onChange={(redFlags, a) => set({ redFlags }, a)} />
      <button
        type="button"
        className="danger"
        aria-label={`Remove criterion ${name}`}
        aria-disabled={!props.canRemove}
        onClick={props.onRemove}
      >
        Remove criterion
      </button>
    </fieldset>
  );
}
