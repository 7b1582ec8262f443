import type { RubricDetail } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api/client';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorSummary, type FieldErrors, serverFieldErrors } from '../../../ui/form-errors';
import { ErrorNote } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { CriterionFields } from './CriterionFields';
import { usePublish, useSaveDraft } from './queries';
import {
  criterionName,
  definitionFromForm,
  describeRubricPath,
  formFromDefinition,
  formSignature,
  MAX_CRITERIA,
  MIN_CRITERIA,
  newCriterion,
  normaliseRubricErrors,
  type RubricForm,
  validateRubric,
} from './rubric-form';
import { weightShares } from './weights';

const ID = 'rubric';

/**
 * The rubric editor of an organisation's rubric: criteria, weights, level descriptors, key points
 * and red flags. "Save draft" stores the draft; "Publish version" freezes it after a confirmation.
 */
export function DefinitionEditor(props: { rubric: RubricDetail; initial: RubricDefinition; onDirtyChange: (dirty: boolean) => void }) {
  const { rubric, onDirtyChange } = props;
  const [form, setForm] = useState<RubricForm>(() => formFromDefinition(props.initial));
  const [savedSignature, setSavedSignature] = useState(() => formSignature(form));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [confirmPublish, setConfirmPublish] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const save = useSaveDraft(rubric.id);
  const publish = usePublish(rubric.id);
  const dirty = formSignature(form) !== savedSignature;

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const shares = weightShares(form.criteria.map((c) => Number(c.weight)));
  const setCriteria = (criteria: RubricForm['criteria'], announce?: string) => {
    setForm({ criteria });
    if (announce) setStatus(announce);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateRubric(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus('Not saved: fix the problems listed above.');
      requestAnimationFrame(() => summaryRef.current?.querySelector('a')?.focus());
      return;
    }
    const signature = formSignature(form);
    setStatus('Saving draft…');
    save.mutate(definitionFromForm(form), {
      onSuccess: (v) => {
        setSavedSignature(signature);
        setStatus(`Draft saved as version ${v.version} at ${new Date().toLocaleTimeString()}.`);
      },
      onError: (err) => {
        const fields = normaliseRubricErrors(serverFieldErrors(err, 'body.definition.'));
        setErrors(fields);
        setStatus(Object.keys(fields).length > 0 ? 'Not saved: the server found the problems listed above.' : 'Not saved.');
        if (Object.keys(fields).length > 0) requestAnimationFrame(() => summaryRef.current?.querySelector('a')?.focus());
      },
    });
  };

  const draft = rubric.draft;
  const publishBlocked = !draft ? 'Save a draft first.' : dirty ? 'Save your changes before publishing.' : null;

  return (
    <form className="stack" onSubmit={submit} noValidate aria-labelledby="criteria-title">
      <h2 id="criteria-title">Criteria</h2>
      <div ref={summaryRef}>
        <ErrorSummary idPrefix={ID} errors={errors} describe={(p) => describeRubricPath(p, form)} />
      </div>
      {errors.criteria && (
        <p className="field-error" id={`${ID}-criteria-error`}>
          <strong>Error:</strong> {errors.criteria}
        </p>
      )}
      {form.criteria.map((c, i) => (
        <CriterionFields
          key={c.uid}
          index={i}
          criterion={c}
          share={shares[i] ?? 0}
          errors={errors}
          canRemove={form.criteria.length > MIN_CRITERIA}
          onChange={(next, announce) =>
            setCriteria(
              form.criteria.map((x, k) => (k === i ? next : x)),
              announce,
            )
          }
          onRemove={() => {
            if (form.criteria.length <= MIN_CRITERIA) {
              setStatus(`A rubric needs at least ${MIN_CRITERIA} criteria.`);
              return;
            }
            setCriteria(
              form.criteria.filter((_, k) => k !== i),
              `Removed criterion ${criterionName(c, i)}.`,
            );
            addButton.current?.focus();
          }}
        />
      ))}
      <p className="row">
        <button
          ref={addButton}
          type="button"
          aria-disabled={form.criteria.length >= MAX_CRITERIA}
          onClick={() => {
            if (form.criteria.length >= MAX_CRITERIA) {
              setStatus(`A rubric has at most ${MAX_CRITERIA} criteria.`);
              return;
            }
            setCriteria([...form.criteria, newCriterion(form.criteria.map((x) => x.key))], `Added criterion ${form.criteria.length + 1}.`);
          }}
        >
          Add criterion
        </button>
        <span className="muted">
          {form.criteria.length} of {MIN_CRITERIA}–{MAX_CRITERIA} criteria
        </span>
      </p>

      <div className="card sticky-actions">
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save draft
          </button>
          <button
            type="button"
            aria-disabled={!!publishBlocked || publish.isPending}
            aria-describedby="publish-note"
            onClick={() => {
              if (publishBlocked) {
                setStatus(publishBlocked);
                return;
              }
              setConfirmPublish(true);
            }}
          >
            Publish version
          </button>
          <span className={dirty ? 'badge badge-warn' : 'badge'}>
            {dirty ? 'Unsaved changes' : draft ? `Draft v${draft.version} saved` : 'No draft'}
          </span>
        </div>
        <p id="publish-note" className="field-hint">
          {publishBlocked ?? `Publishing freezes draft v${draft?.version} as an immutable version.`}
        </p>
        <StatusMessage message={status} />
        {save.error && !(save.error instanceof ApiError && save.error.code === 'invalid_input') && <ErrorNote error={save.error} />}
        <ErrorNote error={publish.error} />
      </div>

      <ConfirmDialog
        open={confirmPublish}
        title={`Publish version ${draft?.version ?? ''}?`}
        confirmLabel="Confirm publish"
        busy={publish.isPending}
        onCancel={() => setConfirmPublish(false)}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: (v) => setStatus(`Published version ${v.version}. It can no longer change; new interviews on this question use it.`),
            onError: () => setStatus('Not published.'),
            onSettled: () => setConfirmPublish(false),
          })
        }
      >
        <p>
          A published version is immutable. New interviews on this question are graded with it; answers graded before keep their scores
          until you regrade them.
        </p>
      </ConfirmDialog>
    </form>
  );
}
