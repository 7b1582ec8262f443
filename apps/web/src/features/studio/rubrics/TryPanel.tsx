import type { RubricDetail } from '@interview/contracts/api';
import { type FormEvent, useState } from 'react';
import { useHealth } from '../../../api/health';
import { ErrorNote, OfflineBadge } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { GradeResultView } from './GradeResultView';
import { useRubricVersion, useTryRubric } from './queries';

/**
 * "Try it": grade a pasted sample answer now. Admins grade with the saved draft when there is one,
 * reviewers with the latest published version (what the server does for each role).
 */
export function TryPanel(props: { rubric: RubricDetail; canSeeDraft: boolean; dirty: boolean }) {
  const { rubric } = props;
  const [answer, setAnswer] = useState('');
  const [error, setError] = useState('');
  const health = useHealth();
  const attempt = useTryRubric();
  const target = (props.canSeeDraft ? rubric.draft : null) ?? rubric.latestPublished;
  const versionOfResult = attempt.data?.rubricVersion.id;
  const definition = useRubricVersion(rubric.id, versionOfResult).data?.definition;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) {
      setError('Paste or type an answer to grade.');
      return;
    }
    setError('');
    attempt.mutate({ answer, rubricId: rubric.id });
  };

  return (
    <section className="card try-panel" aria-labelledby="try-title" id="try">
      <h2 id="try-title">Try it</h2>
      <p className="muted small">
        {target
          ? `Grades with ${target.status === 'draft' ? 'the saved draft' : 'published version'} v${target.version}.`
          : 'This rubric has no version yet.'}
        {props.dirty && ' Your unsaved edits are not used until you save the draft.'}
      </p>
      {health.data?.grader === 'offline' && (
        <p className="row small">
          <OfflineBadge /> <span>No language model is configured; the deterministic offline grader scores this.</span>
        </p>
      )}
      <form className="form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="try-answer">Sample answer</label>
          <textarea
            id="try-answer"
            value={answer}
            maxLength={20_000}
            onChange={(e) => setAnswer(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? 'try-answer-error' : undefined}
          />
          {error && (
            <p id="try-answer-error" className="field-error">
              <strong>Error:</strong> {error}
            </p>
          )}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={attempt.isPending || !target}>
            Grade this answer
          </button>
        </div>
      </form>
      <StatusMessage
        message={
          attempt.isPending
            ? 'Grading…'
            : attempt.data
              ? `Graded: ${attempt.data.total === null ? 'not scored' : `${attempt.data.total} out of 100`}.`
              : ''
        }
      />
      <ErrorNote error={attempt.error} />
      {attempt.data && !attempt.isPending && <GradeResultView result={attempt.data} definition={definition} />}
    </section>
  );
}
