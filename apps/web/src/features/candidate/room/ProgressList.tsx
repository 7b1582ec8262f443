import type { InterviewItem, InterviewState } from '@interview/contracts/api';

const STATUS: Record<InterviewItem['status'], string> = {
  pending: 'not started',
  presented: 'in progress',
  submitted: 'answered',
  expired: 'time ran out',
};

/** Every question with its status in words; follow-ups are listed (and marked) under their question. */
export function ProgressList({ state }: { state: InterviewState }) {
  const questions = state.items.filter((i) => i.kind === 'question');
  return (
    <div className="progress-list">
      <ol>
        {questions.map((q, index) => {
          const followups = state.items.filter((i) => i.kind === 'followup' && i.parentItemId === q.id);
          return (
            <li key={q.id} aria-current={q.id === state.currentItemId ? 'step' : undefined} className={`step step-${q.status}`}>
              <span>
                Question {index + 1}
                {q.question ? `: ${q.question.title}` : ''}
              </span>{' '}
              <span className="step-status">({STATUS[q.status]})</span>
              {followups.length > 0 && (
                <ol className="followup-steps">
                  {followups.map((f, n) => (
                    <li key={f.id} aria-current={f.id === state.currentItemId ? 'step' : undefined} className={`step step-${f.status}`}>
                      Follow-up {n + 1} <span className="step-status">({STATUS[f.status]})</span>
                    </li>
                  ))}
                </ol>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
