import { formatTimeOfDay } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/page';
import { useQueueHealth } from './queries';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

/** Job counts per queue, refreshed every 15 s, with links to the Prometheus metrics and the API docs. */
export function QueuesSection() {
  const queues = useQueueHealth();
  const q = queues.data;
  return (
    <section className="card stack" aria-labelledby="queues-title" id="queues">
      <h2 id="queues-title">Queue health</h2>
      {queues.isPending && <Loading />}
      <ErrorNote error={queues.error} />
      {q && (
        <>
          <p className="row">
            <span>
              Backend: <strong>{q.backend === 'redis' ? 'Redis' : 'PostgreSQL'}</strong>
            </span>
            <span className="muted small">Checked at {formatTimeOfDay(q.checkedAt)}, every 15 seconds.</span>
          </p>
          <div className="table-wrap">
            <table>
              <caption className="sr-only">Jobs per queue and state</caption>
              <thead>
                <tr>
                  <th scope="col">Queue</th>
                  <th scope="col">Status</th>
                  {STATES.map((s) => (
                    <th key={s} scope="col" className="num">
                      {s[0]?.toUpperCase()}
                      {s.slice(1)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {q.queues.map((row) => (
                  <tr key={row.name}>
                    <th scope="row">
                      <code>{row.name}</code>
                    </th>
                    <td>
                      {row.up ? (
                        <span className="badge badge-ok">Up</span>
                      ) : (
                        <span className="badge badge-danger" title={row.error ?? undefined}>
                          Not answering
                        </span>
                      )}
                    </td>
                    {STATES.map((s) => (
                      <td key={s} className="num">
                        {row.counts ? row.counts[s] : '—'}
                        {s === 'failed' && row.counts && row.counts.failed > 0 && <span className="sr-only"> (needs attention)</span>}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {q.queues.some((r) => !r.up) && <p className="alert">Some queues did not answer: {q.queues.find((r) => !r.up)?.error}</p>}
        </>
      )}
      <p className="row">
        <button type="button" onClick={() => void queues.refetch()} disabled={queues.isFetching}>
          Refresh counts
        </button>
        <a href="/metrics">Prometheus metrics (/metrics)</a>
        <a href="/docs">API documentation (/docs)</a>
      </p>
    </section>
  );
}
