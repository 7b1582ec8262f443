import { useHealth } from '../../api/health';
import { ErrorNote, Loading } from '../../ui/page';

/** Whether the LLM grader and transcription are configured, and what to set when they are not. */
export function ServicesSection() {
  const health = useHealth();
  const h = health.data;
  return (
    <section className="card stack" aria-labelledby="services-title" id="services">
      <h2 id="services-title">Grading and transcription</h2>
      {health.isPending && <Loading />}
      <ErrorNote error={health.error} />
      {h && (
        <>
          <div className="service">
            <h3>
              Grader:{' '}
              <span className={h.grader === 'llm' ? 'badge badge-ok' : 'badge badge-warn'}>
                {h.grader === 'llm' ? 'Language model configured' : 'Offline grader'}
              </span>
            </h3>
            {h.grader === 'llm' ? (
              <p>Answers are graded by the configured OpenAI-compatible model; the offline grader is the fallback estimate.</p>
            ) : (
              <>
                <p>
                  No language model is configured, so answers get the deterministic offline grader’s estimate, labelled as such everywhere.
                  To turn on model grading, set these on the API and worker and restart them:
                </p>
                <ul>
                  <li>
                    <code>LLM_BASE_URL</code>: any OpenAI-compatible endpoint (OpenAI, Azure OpenAI, OpenRouter, vLLM, Ollama, LM Studio)
                  </li>
                  <li>
                    <code>LLM_API_KEY</code>: the key for that endpoint (if it needs one)
                  </li>
                  <li>
                    <code>LLM_MODEL</code>: the model name (required once an endpoint is set)
                  </li>
                </ul>
              </>
            )}
          </div>
          <div className="service">
            <h3>
              Transcription:{' '}
              <span className={h.transcription === 'service' ? 'badge badge-ok' : 'badge badge-warn'}>
                {h.transcription === 'service' ? 'Transcription service configured' : 'Browser captions only'}
              </span>
            </h3>
            {h.transcription === 'service' ? (
              <p>Spoken answers are uploaded and transcribed by the configured service.</p>
            ) : (
              <>
                <p>
                  No transcription service is configured: spoken answers rely on the browser’s live captions where it has speech
                  recognition. To transcribe recordings on the server, set:
                </p>
                <ul>
                  <li>
                    <code>TRANSCRIBE_BASE_URL</code>: an OpenAI-compatible <code>/audio/transcriptions</code> endpoint
                  </li>
                  <li>
                    <code>TRANSCRIBE_API_KEY</code>: its key (if it needs one)
                  </li>
                  <li>
                    <code>TRANSCRIBE_MODEL</code>: the model (default <code>whisper-1</code>)
                  </li>
                </ul>
              </>
            )}
          </div>
          <dl className="facts">
            <dt>Runtime profile</dt>
            <dd>{h.profile}</dd>
            <dt>Queue backend</dt>
            <dd>{h.queueBackend === 'redis' ? 'BullMQ on Redis' : 'BullMQ on PostgreSQL'}</dd>
            <dt>This process</dt>
            <dd>{h.role === 'all' ? 'API, worker and web in one process' : h.role}</dd>
          </dl>
        </>
      )}
    </section>
  );
}
