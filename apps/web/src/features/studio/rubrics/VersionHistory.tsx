import type { RubricDetail } from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { useState } from 'react';
import { formatDateTime } from '../../../ui/format';
import { ErrorNote, Loading } from '../../../ui/page';
import { DiffView } from './DiffView';
import { useRubricDiff } from './queries';

/** Every version of the rubric, newest first, and a diff between any two (or against the rubric it was forked from). */
export function VersionHistory({ rubric, definition }: { rubric: RubricDetail; definition?: RubricDefinition }) {
  const titles = new Map(definition?.criteria.map((c) => [c.key, c.title]) ?? []);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const versions = [...rubric.versions].sort((a, b) => b.version - a.version);
  // With one version and no fork source there is nothing to compare until two versions are chosen.
  const canDefault = versions.length > 1 || !!rubric.forkedFromVersionId;
  const diff = useRubricDiff(rubric.id, from, to, !!from || !!to || canDefault);
  const options = [
    ...versions.map((v) => ({ id: v.id, label: `Version ${v.version} (${v.status})` })),
    ...(rubric.forkedFromVersionId ? [{ id: rubric.forkedFromVersionId, label: 'The version it was forked from' }] : []),
  ];
  return (
    <section className="card" aria-labelledby="versions-title" id="versions">
      <h2 id="versions-title">Version history</h2>
      {versions.length === 0 ? (
        <p className="muted">No versions yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Versions of this rubric, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Published</th>
                <th scope="col">Content hash</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.id}>
                  <th scope="row">v{v.version}</th>
                  <td>
                    <span className={v.status === 'published' ? 'badge badge-ok' : 'badge badge-warn'}>
                      {v.status === 'published' ? 'Published (immutable)' : 'Draft'}
                    </span>
                  </td>
                  <td>{formatDateTime(v.createdAt)}</td>
                  <td>{v.publishedAt ? formatDateTime(v.publishedAt) : '—'}</td>
                  <td>
                    <code title={v.contentHash}>{v.contentHash.slice(0, 10)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {versions.length > 0 && (
        <fieldset className="diff-chooser">
          <legend>Compare two versions</legend>
          <div className="row">
            <div className="field">
              <label htmlFor="diff-from">Compare from</label>
              <select id="diff-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                <option value="">Default (previous published)</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="diff-to">Compare to</label>
              <select id="diff-to" value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">Default (draft, else latest published)</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
      )}
      {from && from === to && <p className="notice">Choose two different versions.</p>}
      {!from && !to && !canDefault && versions.length > 0 && <p className="muted">Only one version so far: nothing to compare yet.</p>}
      {diff.isFetching && <Loading label="Comparing…" />}
      <ErrorNote error={diff.error} />
      {diff.data && <DiffView diff={diff.data} titles={titles} />}
    </section>
  );
}
