import type { TemplateDetail } from '@interview/contracts/api';
import { Link } from 'react-router';
import { formatLimit } from '../../../ui/format';

/** A template read-only: for reviewers, and for built-in templates nobody may edit. */
export function TemplateView({ t }: { t: TemplateDetail }) {
  return (
    <>
      <section className="card" aria-labelledby="tpl-settings">
        <h2 id="tpl-settings">Settings</h2>
        <p>{t.description}</p>
        <dl className="facts">
          <dt>Mode</dt>
          <dd>{t.mode === 'practice' ? 'Practice (feedback at once)' : 'Assessment (feedback after release)'}</dd>
          <dt>Answer modes</dt>
          <dd>{t.answerModes.join(' and ')}</dd>
          <dt>Follow-ups per question</dt>
          <dd>{t.followupsPerQuestion}</dd>
          <dt>Total time</dt>
          <dd>{formatLimit(t.totalTimeLimitSec)}</dd>
          <dt>Slug</dt>
          <dd>
            <code>{t.slug}</code>
          </dd>
        </dl>
      </section>
      <section className="card" aria-labelledby="tpl-questions">
        <h2 id="tpl-questions">Questions ({t.questions.length})</h2>
        <ol className="picked-list">
          {t.questions.map((q) => (
            <li key={q.questionId} className="picked-item">
              <div className="picked-title">
                <Link to={`/bank/${q.questionId}`}>{q.title}</Link>
                <span className="muted"> · {q.category}</span>
              </div>
              <div>
                {formatLimit(q.timeLimitSec)}
                {q.timeLimitOverrideSec !== null && <span className="muted"> (set by this template)</span>}
              </div>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
