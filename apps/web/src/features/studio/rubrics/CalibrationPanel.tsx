import type { RubricDetail } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { useState } from 'react';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorNote, Loading } from '../../../ui/page';
import { StatusMessage } from '../../../ui/status-message';
import { CalibrationForm } from './CalibrationForm';
import { CalibrationRunView } from './CalibrationRunView';
import { useCalibration, useDeleteCalibration, useRunCalibration } from './queries';

/** Calibration answers with expected scores, and a run that compares them with what the grader gives now. */
export function CalibrationPanel(props: { rubric: RubricDetail; definition: RubricDefinition; editable: boolean }) {
  const { rubric, definition } = props;
  const items = useCalibration(rubric.id, true);
  const remove = useDeleteCalibration(rubric.id);
  const run = useRunCalibration(rubric.id);
  const [status, setStatus] = useState('');
  const [deleting, setDeleting] = useState<string | null>(null);
  const titles = new Map(definition.criteria.map((c) => [c.key, c.title]));
  const list = items.data ?? [];
  const target = rubric.draft ?? rubric.latestPublished;

  return (
    <section className="card stack" aria-labelledby="calibration-title" id="calibration">
      <h2 id="calibration-title">Calibration answers</h2>
      <p className="muted">
        Answers with the scores an expert expects. Run them after each change to see whether the rubric still grades as intended.
      </p>
      {items.isPending && <Loading />}
      <ErrorNote error={items.error} />
      {items.data && list.length === 0 && <p>No calibration answers yet.</p>}
      {list.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Calibration answers</caption>
            <thead>
              <tr>
                <th scope="col">Answer</th>
                <th scope="col">Expected scores</th>
                <th scope="col">Expected total</th>
                {props.editable && <th scope="col">Actions</th>}
              </tr>
            </thead>
            <tbody>
              {list.map((item, i) => (
                <tr key={item.id}>
                  <td>
                    <details>
                      <summary>
                        Answer {i + 1}: {item.answer.slice(0, 80)}
                        {item.answer.length > 80 ? '…' : ''}
                      </summary>
                      <div className="answer-text">{item.answer}</div>
                    </details>
                    {item.note && <p className="muted small">Note: {item.note}</p>}
                  </td>
                  <td>
                    <ul className="compact-list">
                      {Object.entries(item.expectedScores).map(([key, score]) => (
                        <li key={key}>
                          {titles.get(key) ?? key}: {score}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{item.expectedTotal ?? '—'}</td>
                  {props.editable && (
                    <td>
                      <button
                        type="button"
                        className="danger"
                        aria-label={`Delete calibration answer ${i + 1}`}
                        onClick={() => setDeleting(item.id)}
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={run.isPending || list.length === 0 || !target}
          onClick={() =>
            run.mutate(undefined, {
              onSuccess: (r) =>
                setStatus(`Calibration ran on version ${r.version.version}: ${r.summary.graded} of ${r.summary.answers} answers graded.`),
              onError: () => setStatus('Calibration did not run.'),
            })
          }
        >
          Run calibration
        </button>
        {target && (
          <span className="muted small">
            Runs on {target.status === 'draft' ? `the saved draft v${target.version}` : `published v${target.version}`}.
          </span>
        )}
      </div>
      <StatusMessage message={run.isPending ? 'Running calibration…' : status} />
      <ErrorNote error={run.error} />
      <ErrorNote error={remove.error} />
      {run.data && !run.isPending && <CalibrationRunView run={run.data} items={list} definition={definition} />}
      {props.editable && <CalibrationForm rubricId={rubric.id} definition={definition} onAdded={setStatus} />}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete this calibration answer?"
        confirmLabel="Yes, delete"
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => setStatus('Calibration answer deleted.'),
            onSettled: () => setDeleting(null),
          })
        }
      >
        <p>Its expected scores go with it. Past calibration runs are not stored.</p>
      </ConfirmDialog>
    </section>
  );
}
