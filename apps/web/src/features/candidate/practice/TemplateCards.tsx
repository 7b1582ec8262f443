import type { InterviewState } from '@interview/contracts/api';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { formatLimit } from '../../../ui/format';
import { ErrorNote, Loading } from '../../../ui/page';
import { useTemplates } from '../api';
import type { TemplateSummary } from '../types';

const MODE_LABEL = { typed: 'typed', spoken: 'spoken' } as const;

/** Templates a candidate can practise, each with a Start button that creates a practice interview. */
export function TemplateCards() {
  const templates = useTemplates();
  const navigate = useNavigate();
  const start = useMutation({
    mutationFn: (templateId: string) => api.post<InterviewState>('/api/interviews/practice', { templateId }),
    onSuccess: (state) => navigate(`/interviews/${state.id}/check`),
  });
  if (templates.isPending) return <Loading label="Loading templates…" />;
  if (templates.error) return <ErrorNote error={templates.error} />;
  if (templates.data.length === 0) return <p className="muted">No templates are available yet.</p>;
  return (
    <>
      <ErrorNote error={start.error} />
      <ul className="grid plain-list">
        {templates.data.map((t) => (
          <li key={t.id} className="card">
            <TemplateCard template={t} busy={start.isPending && start.variables === t.id} onStart={() => start.mutate(t.id)} />
          </li>
        ))}
      </ul>
    </>
  );
}

function TemplateCard({ template: t, busy, onStart }: { template: TemplateSummary; busy: boolean; onStart: () => void }) {
  return (
    <article aria-labelledby={`tpl-${t.id}`}>
      <h3 id={`tpl-${t.id}`}>{t.name}</h3>
      <p>{t.description}</p>
      <ul className="facts">
        <li>
          {t.questionCount} question{t.questionCount === 1 ? '' : 's'}
        </li>
        <li>{formatLimit(t.totalTimeLimitSec)} in total</li>
        <li>Answers: {t.answerModes.map((m) => MODE_LABEL[m]).join(' or ')}</li>
        {t.followupsPerQuestion > 0 && <li>Up to {t.followupsPerQuestion} follow-up per question</li>}
      </ul>
      <div className="card-actions">
        <button type="button" className="primary" onClick={onStart} disabled={busy} aria-label={`Start practice: ${t.name}`}>
          {busy ? 'Starting…' : 'Start practice'}
        </button>
      </div>
    </article>
  );
}
