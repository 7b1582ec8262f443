import type { QuestionSummary, TemplateDetail } from '@interview/contracts/api';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorSummary, type FieldErrors, serverFieldErrors } from '../../../ui/form-errors';
import { InputField, SelectField, TextAreaField } from '../../../ui/form-fields';
import { ErrorNote } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { slugify } from '../types';
import { PickedQuestions } from './PickedQuestions';
import { QuestionPicker } from './QuestionPicker';
import { useDeleteTemplate, useSaveTemplate } from './queries';
import { describeTemplatePath, type TemplateForm, toTemplateBody, validateTemplate } from './template-form';

const ID = 'template';

/** The template builder: details, settings, and the ordered questions with their time limits. */
export function TemplateEditor(props: { initial: TemplateForm; template?: TemplateDetail }) {
  const { template } = props;
  const navigate = useNavigate();
  const [form, setForm] = useState(props.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState('');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const questionsHeading = useRef<HTMLHeadingElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const save = useSaveTemplate(template?.id);
  const remove = useDeleteTemplate(template?.id ?? '');
  const picked = useMemo(() => new Set(form.questions.map((q) => q.questionId)), [form.questions]);

  const set = <K extends keyof TemplateForm>(key: K, value: TemplateForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  const add = (q: QuestionSummary) => {
    setForm((f) => ({
      ...f,
      questions: [...f.questions, { questionId: q.id, title: q.title, category: q.category, defaultSec: q.timeLimitSec, overrideMin: '' }],
    }));
    setStatus(`Added ${q.title} at position ${form.questions.length + 1}.`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = validateTemplate(form);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setStatus('');
      requestAnimationFrame(() => summaryRef.current?.querySelector('a')?.focus());
      return;
    }
    setStatus('Saving…');
    save.mutate(toTemplateBody(form), {
      onSuccess: (saved) => {
        setStatus(`Saved “${saved.name}”.`);
        if (!template) navigate(`/templates/${saved.id}`, { replace: true, state: { saved: saved.name } });
      },
      onError: (err) => {
        const fields = serverFieldErrors(err);
        const code = (err as { code?: string }).code;
        if (code === 'slug_taken') fields.slug = err.message;
        setErrors(fields);
        setStatus('Not saved.');
      },
    });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label={template ? `Edit ${template.name}` : 'New template'}>
      <div ref={summaryRef}>
        <ErrorSummary idPrefix={ID} errors={errors} describe={(p) => describeTemplatePath(p, form)} />
      </div>
      <fieldset className="card group-card form">
        <legend>Details</legend>
        <InputField
          idPrefix={ID}
          path="name"
          errors={errors}
          label="Name"
          value={form.name}
          maxLength={120}
          required
          onChange={(e) => {
            const name = e.target.value;
            setForm((f) => ({ ...f, name, slug: f.slugEdited ? f.slug : slugify(name) }));
          }}
        />
        <InputField
          idPrefix={ID}
          path="slug"
          errors={errors}
          label="Slug"
          hint="A stable id for export and import: lower-case letters, digits and hyphens."
          value={form.slug}
          maxLength={80}
          required
          onChange={(e) => setForm((f) => ({ ...f, slug: e.target.value, slugEdited: true }))}
        />
        <TextAreaField
          idPrefix={ID}
          path="description"
          errors={errors}
          label="Description"
          hint="What the interview covers and how long it takes (10 to 2000 characters). Candidates see it."
          className="field short-textarea"
          value={form.description}
          maxLength={2000}
          required
          onChange={(e) => set('description', e.target.value)}
        />
      </fieldset>

      <fieldset className="card group-card form">
        <legend>Settings</legend>
        <fieldset className="inline-group">
          <legend>Mode</legend>
          <label className="check">
            <input type="radio" name="mode" checked={form.mode === 'practice'} onChange={() => set('mode', 'practice')} />
            Practice: feedback at once
          </label>
          <label className="check">
            <input type="radio" name="mode" checked={form.mode === 'assessment'} onChange={() => set('mode', 'assessment')} />
            Assessment: feedback after a reviewer releases it
          </label>
        </fieldset>
        <fieldset className="inline-group" aria-describedby={errors.answerModes ? `${ID}-answerModes-error` : undefined}>
          <legend>Answer modes</legend>
          <label className="check">
            <input
              id={`${ID}-answerModes`}
              type="checkbox"
              checked={form.typed}
              onChange={(e) => set('typed', e.target.checked)}
              aria-invalid={errors.answerModes ? true : undefined}
            />
            Typed
          </label>
          <label className="check">
            <input type="checkbox" checked={form.spoken} onChange={(e) => set('spoken', e.target.checked)} />
            Spoken (recorded and transcribed)
          </label>
          {errors.answerModes && (
            <p id={`${ID}-answerModes-error`} className="field-error">
              <strong>Error:</strong> {errors.answerModes}
            </p>
          )}
        </fieldset>
        <div className="grid">
          <SelectField
            idPrefix={ID}
            path="followupsPerQuestion"
            errors={errors}
            label="Follow-ups per question"
            value={form.followups}
            onChange={(e) => set('followups', Number(e.target.value))}
          >
            <option value={0}>None</option>
            <option value={1}>1 follow-up</option>
            <option value={2}>2 follow-ups</option>
          </SelectField>
          <InputField
            idPrefix={ID}
            path="totalTimeLimitSec"
            errors={errors}
            label="Total time in minutes"
            type="number"
            inputMode="decimal"
            min={1}
            max={480}
            step="any"
            value={form.totalMin}
            required
            onChange={(e) => set('totalMin', e.target.value)}
          />
        </div>
      </fieldset>

      <section className="card" aria-label="Questions">
        <PickedQuestions
          idPrefix={ID}
          questions={form.questions}
          errors={errors}
          headingRef={questionsHeading}
          onChange={(questions, announce) => {
            set('questions', questions);
            if (announce) setStatus(announce);
          }}
        />
        <QuestionPicker picked={picked} onAdd={add} disabled={form.questions.length >= 50} />
      </section>

      <div className="card sticky-actions">
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            {template ? 'Save template' : 'Create template'}
          </button>
          {template && (
            <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
              Delete template
            </button>
          )}
        </div>
        <StatusMessage message={status} />
        {save.error && Object.keys(serverFieldErrors(save.error)).length === 0 && <ErrorNote error={save.error} />}
        <ErrorNote error={remove.error} />
      </div>

      {template && (
        <ConfirmDialog
          open={confirmDelete}
          title={`Delete “${template.name}”?`}
          confirmLabel="Yes, delete it"
          danger
          busy={remove.isPending}
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() =>
            remove.mutate(undefined, {
              onSuccess: () => navigate('/templates', { replace: true }),
              onSettled: () => setConfirmDelete(false),
            })
          }
        >
          <p>Interviews already taken keep their questions. A template that interviews use cannot be deleted.</p>
        </ConfirmDialog>
      )}
    </form>
  );
}
