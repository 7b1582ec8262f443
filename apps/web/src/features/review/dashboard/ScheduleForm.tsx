import { type FormEvent, useId, useState } from 'react';
import { Link } from 'react-router';
import { ErrorNote } from '../../../ui/page';
import { useCandidates, useScheduleInterview } from '../api';
import { modeLabel } from '../format';
import type { TemplateSummary } from '../types';

/** Picks a template and an existing candidate, then creates the interview. */
export function ScheduleForm({ templates }: { templates: readonly TemplateSummary[] }) {
  const id = useId();
  const candidates = useCandidates();
  const schedule = useScheduleInterview();
  const [templateId, setTemplateId] = useState('');
  const [candidateId, setCandidateId] = useState('');
  const template = templates.find((t) => t.id === templateId);
  const list = candidates.data ?? [];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!templateId || !candidateId) return;
    schedule.mutate({ templateId, candidateId });
  };

  return (
    <form className="form" aria-labelledby={`${id}-title`} onSubmit={submit}>
      <h3 id={`${id}-title`}>Schedule for an existing candidate</h3>
      <div className="field">
        <label htmlFor={`${id}-template`}>Interview template</label>
        <select
          id={`${id}-template`}
          value={templateId}
          required
          aria-describedby={`${id}-mode`}
          onChange={(e) => {
            setTemplateId(e.target.value);
            schedule.reset();
          }}
        >
          <option value="">Choose a template…</option>
          {templates.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({modeLabel(t.mode)}, {t.questionCount} questions)
            </option>
          ))}
        </select>
      </div>
      <p id={`${id}-mode`} className="muted small">
        {template?.mode === 'practice'
          ? 'Practice template: the candidate sees scores and feedback as soon as each answer is graded.'
          : template
            ? 'Assessment template: results stay hidden from the candidate until you release them.'
            : 'The template decides the mode: practice shows results at once; assessment waits for your release.'}
      </p>
      <div className="field">
        <label htmlFor={`${id}-candidate`}>Candidate</label>
        <select
          id={`${id}-candidate`}
          value={candidateId}
          required
          disabled={candidates.isPending}
          onChange={(e) => {
            setCandidateId(e.target.value);
            schedule.reset();
          }}
        >
          <option value="">{candidates.isPending ? 'Loading candidates…' : 'Choose a candidate…'}</option>
          {list.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.name} ({c.email})
            </option>
          ))}
        </select>
      </div>
      {candidates.isSuccess && list.length === 0 && (
        <p className="muted small">No candidates in your organisation yet: invite one with the form beside this one.</p>
      )}
      <ErrorNote error={candidates.error} />
      <div>
        <button type="submit" className="primary" disabled={schedule.isPending || !templateId || !candidateId}>
          {schedule.isPending ? 'Scheduling…' : 'Schedule interview'}
        </button>
      </div>
      <ErrorNote error={schedule.error} />
      <div aria-live="polite">
        {schedule.data && (
          <p className="notice">
            Interview scheduled for {schedule.data.candidate.name} ({schedule.data.template.name}). The candidate sees it when they sign in.{' '}
            <Link to={`/review/interviews/${schedule.data.id}`}>Open the interview</Link>
          </p>
        )}
      </div>
    </form>
  );
}
