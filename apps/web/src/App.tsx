import { useEffect, useState } from 'react';
import { fetchHealth, type Health } from './health';

const PROFILE_LABEL: Record<Health['profile'], string> = {
  embedded: 'Embedded (PGlite, no services)',
  postgres: 'Single server (Postgres)',
  'scale-out': 'Scale-out (Postgres + Redis)',
};

export function App() {
  const [health, setHealth] = useState<Health | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    fetchHealth(ctrl.signal).then(setHealth, (e: Error) => ctrl.signal.aborted || setError(e.message));
    return () => ctrl.abort();
  }, []);

  return (
    <main>
      <header>
        <h1>Mock Interview</h1>
        <p>Timed Kubernetes &amp; SRE mock interviews, graded against rubrics you can inspect.</p>
      </header>
      <section aria-labelledby="status-heading">
        <h2 id="status-heading">Server status</h2>
        {error && <p role="alert">Cannot reach the API: {error}</p>}
        {!health && !error && <p aria-live="polite">Checking…</p>}
        {health && (
          <dl>
            <dt>Runtime profile</dt>
            <dd>{PROFILE_LABEL[health.profile]}</dd>
            <dt>Job queue</dt>
            <dd>BullMQ on {health.queueBackend === 'redis' ? 'Redis' : 'PostgreSQL'}</dd>
            <dt>Grader</dt>
            <dd>
              {health.grader === 'llm' ? (
                'LLM grading'
              ) : (
                <span className="badge">Offline grader: deterministic estimate, no model configured</span>
              )}
            </dd>
          </dl>
        )}
      </section>
    </main>
  );
}
