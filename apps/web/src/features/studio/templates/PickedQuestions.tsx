import type { RefObject } from 'react';
import { FieldError, type FieldErrors, fieldId } from '../../../ui/form-errors';
import { formatLimit } from '../../../ui/format';
import { effectiveSec, type PickedQuestion } from './template-form';

/**
 * The template's questions in order. Up, Down and Remove are plain buttons, so the order can be
 * changed from the keyboard; at either end they are aria-disabled rather than disabled, so the
 * focused button keeps focus after a move.
 */
export function PickedQuestions(props: {
  idPrefix: string;
  questions: PickedQuestion[];
  errors: FieldErrors;
  readOnly?: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onChange: (next: PickedQuestion[], announce: string) => void;
}) {
  const { questions } = props;
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    const q = questions[i];
    if (!q || j < 0 || j >= questions.length) return;
    const next = [...questions];
    next.splice(i, 1);
    next.splice(j, 0, q);
    props.onChange(next, `Moved ${q.title} to position ${j + 1} of ${next.length}.`);
  };
  const remove = (i: number) => {
    const q = questions[i];
    if (!q) return;
    props.onChange(
      questions.filter((_, k) => k !== i),
      `Removed ${q.title}.`,
    );
    props.headingRef.current?.focus();
  };
  const setOverride = (i: number, overrideMin: string) =>
    props.onChange(
      questions.map((q, k) => (k === i ? { ...q, overrideMin } : q)),
      '',
    );
  const totalSec = questions.reduce((s, q) => s + (effectiveSec(q) ?? 0), 0);

  return (
    <div>
      <h3 ref={props.headingRef} tabIndex={-1} id={fieldId(props.idPrefix, 'questions')}>
        Questions in order ({questions.length})
      </h3>
      <FieldError idPrefix={props.idPrefix} path="questions" errors={props.errors} />
      {questions.length === 0 ? (
        <p className="muted">No questions yet. Add them from the bank below.</p>
      ) : (
        <>
          <ol className="picked-list">
            {questions.map((q, i) => {
              const path = `questions.${i}.timeLimitSec`;
              const id = fieldId(props.idPrefix, path);
              const error = props.errors[path];
              return (
                <li key={q.questionId} className="picked-item">
                  <div className="picked-title">
                    <strong>{q.title}</strong>
                    <span className="muted"> · {q.category}</span>
                  </div>
                  <div className="field picked-time">
                    <label htmlFor={id}>Time limit in minutes for {q.title}</label>
                    <input
                      id={id}
                      type="number"
                      inputMode="decimal"
                      min={1}
                      max={60}
                      step="any"
                      value={q.overrideMin}
                      placeholder={q.defaultSec === null ? 'question default' : String(Math.round(q.defaultSec / 60))}
                      readOnly={props.readOnly}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
                      onChange={(e) => setOverride(i, e.target.value)}
                    />
                    <p id={`${id}-hint`} className="field-hint">
                      {q.overrideMin.trim() === ''
                        ? `Empty: the question's own limit${q.defaultSec === null ? '' : ` (${formatLimit(q.defaultSec)})`}.`
                        : 'Overrides the question’s own limit.'}
                    </p>
                    <FieldError idPrefix={props.idPrefix} path={path} errors={props.errors} />
                  </div>
                  {!props.readOnly && (
                    <div className="row picked-actions">
                      <button type="button" aria-label={`Move ${q.title} up`} aria-disabled={i === 0} onClick={() => move(i, -1)}>
                        Up
                      </button>
                      <button
                        type="button"
                        aria-label={`Move ${q.title} down`}
                        aria-disabled={i === questions.length - 1}
                        onClick={() => move(i, 1)}
                      >
                        Down
                      </button>
                      <button type="button" className="danger" aria-label={`Remove ${q.title}`} onClick={() => remove(i)}>
                        Remove
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ol>
          <p className="muted">
            Question limits add up to {formatLimit(totalSec)}
            {questions.some((q) => effectiveSec(q) === null) ? ' or more' : ''}.
          </p>
        </>
      )}
    </div>
  );
}
