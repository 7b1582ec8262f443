import type { RegradeDiff, RubricDetail } from '@interview/contracts/api';
import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { ErrorNote, Loading } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { useTemplates } from '../templates/queries';
import type { RegradeAcceptedBody } from '../types';
import { useRegradeDiff, useRubricVersion } from './queries';
import { RegradeDiffView } from './RegradeDiffView';

/** Stop polling after this long; the diff can still be refreshed by hand. */
const MAX_POLL_MS = 5 * 60_000;

interface Running {
  versionId: string;
  expected: number;
  startedAt: number;
}

const settled = (diff: RegradeDiff | undefined, run: Running | null) => {
  if (!diff || !run) return false;
  const finished = diff.answers.filter((a) => a.status !== 'pending').length;
  return finished >= run.expected && diff.answers.every((a) => a.status !== 'pending');
};

/**
 * Regrade the organisation's answers under a published version (one template, or every template),
 * then watch the score changes arrive: the diff refreshes every 2 s until every answer is graded.
 */
export function RegradePanel(props: { rubric: RubricDetail; canRegrade: boolean }) {
  const { rubric } = props;
  const published = rubric.versions.filter((v) => v.status === 'published').sort((a, b) => b.version - a.version);
  const [versionId, setVersionId] = useState(published[0]?.id ?? '');
  const [templateId, setTemplateId] = useState('all');
  const [running, setRunning] = useState<Running | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);
  const templates = useTemplates();

  useEffect(() => {
    if (!published.some((v) => v.id === versionId) && published[0]) setVersionId(published[0].id);
  }, [published, versionId]);

  const polling = (d: RegradeDiff | undefined) =>
    !!running && running.versionId === versionId && !settled(d, running) && Date.now() - running.startedAt < MAX_POLL_MS;
  const diff = useRegradeDiff(versionId || undefined, polling);
  const definition = useRubricVersion(rubric.id, versionId || undefined).data?.definition;
  const isPolling = polling(diff.data);

  useEffect(() => {
    if (!running || !diff.data || running.versionId !== versionId) return;
    const finished = diff.data.answers.filter((a) => a.status !== 'pending').length;
    if (settled(diff.data, running)) {
      setStatus(`Regrade finished: ${diff.data.summary.changed} of ${diff.data.summary.n} answers changed.`);
      setRunning(null);
    } else if (Date.now() - running.startedAt >= MAX_POLL_MS) {
      setStatus('The regrade is still running. Use “Refresh score changes” to check again.');
      setRunning(null);
    } else setStatus(`Regrading… ${Math.min(finished, running.expected)} of ${running.expected} answers graded.`);
  }, [diff.data, running, versionId]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!versionId) return;
    setError(null);
    setStarting(true);
    setStatus('Starting the regrade…');
    try {
      const ids = templateId === 'all' ? (templates.data ?? []).map((t) => t.id) : [templateId];
      let expected = 0;
      for (const id of ids) {
        const accepted = await api.post<RegradeAcceptedBody>(`/api/rubrics/versions/${versionId}/regrade`, { templateId: id });
        expected += accepted.answerCount;
      }
      if (expected === 0) {
        setStatus('No answers to regrade: nobody in your organisation has answered this question with that choice.');
        return;
      }
      setRunning({ versionId, expected, startedAt: Date.now() });
      setStatus(`Regrading ${expected} answer${expected === 1 ? '' : 's'}…`);
      void diff.refetch();
    } catch (err) {
      setError(err);
      setStatus('The regrade did not start.');
    } finally {
      setStarting(false);
    }
  };

  if (published.length === 0)
    return (
      <section className="card" aria-labelledby="regrade-title" id="regrade">
        <h2 id="regrade-title">Regrade past answers</h2>
        <p className="muted">Publish a version first: answers are regraded under published versions only.</p>
      </section>
    );

  return (
    <section className="card stack" aria-labelledby="regrade-title" id="regrade">
      <h2 id="regrade-title">{props.canRegrade ? 'Regrade past answers' : 'Score changes under a version'}</h2>
      <form className="row regrade-form" onSubmit={submit}>
        <div className="field">
          <label htmlFor="regrade-version">Published version</label>
          <select id="regrade-version" value={versionId} onChange={(e) => setVersionId(e.target.value)}>
            {published.map((v) => (
              <option key={v.id} value={v.id}>
                Version {v.version}
              </option>
            ))}
          </select>
        </div>
        {props.canRegrade && (
          <>
            <div className="field">
              <label htmlFor="regrade-template">Answers to regrade</label>
              <select id="regrade-template" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
                <option value="all">All answers to this question (every template)</option>
                {(templates.data ?? []).map((t) => (
                  <option key={t.id} value={t.id}>
                    Answers from “{t.name}”
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="primary" disabled={starting || isPolling || templates.isPending}>
              Regrade
            </button>
          </>
        )}
        <button type="button" onClick={() => void diff.refetch()} disabled={diff.isFetching}>
          Refresh score changes
        </button>
      </form>
      <StatusMessage message={status} />
      <ErrorNote error={error} />
      <ErrorNote error={diff.error} />
      {diff.isPending && versionId && <Loading />}
      {diff.data && <RegradeDiffView diff={diff.data} definition={definition} />}
    </section>
  );
}
