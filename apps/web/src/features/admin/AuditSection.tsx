import { useState } from 'react';
import { formatDateTime } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/page';
import { useAudit } from './queries';

/** Actions recorded in the audit log, in words. */
const ACTIONS: Record<string, string> = {
  'auth.sign_up': 'Signed up',
  'auth.sign_in': 'Signed in',
  'auth.sign_in_failed': 'Failed sign-in',
  'member.role_change': 'Changed a role',
  'member.remove': 'Removed a member',
  'invitation.create': 'Created an invitation',
  'invitation.accept': 'Accepted an invitation',
  'invitation.revoke': 'Revoked an invitation',
  'rubric.fork': 'Forked a rubric',
  'rubric.publish': 'Published a rubric version',
  'rubric.regrade': 'Started a regrade',
  'rubric.import': 'Imported rubrics',
  'template.create': 'Created a template',
  'template.update': 'Updated a template',
  'template.delete': 'Deleted a template',
  'grade.override': 'Overrode a score',
  'interview.decision': 'Recorded a decision',
  'interview.release': 'Released results',
};

const showValue = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The organisation's audit log, newest first, filterable by action, 50 entries at a time. */
export function AuditSection() {
  const [action, setAction] = useState('');
  const audit = useAudit(action);
  const rows = audit.data?.pages.flat() ?? [];
  return (
    <section className="card stack" aria-labelledby="audit-title" id="audit">
      <h2 id="audit-title">Audit log</h2>
      <div className="field narrow">
        <label htmlFor="audit-action">Filter by action</label>
        <select id="audit-action" value={action} onChange={(e) => setAction(e.target.value)}>
          <option value="">All actions</option>
          {Object.entries(ACTIONS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {audit.isPending && <Loading />}
      <ErrorNote error={audit.error} />
      {audit.data && rows.length === 0 && <p className="muted">Nothing recorded{action ? ' for this action' : ''} yet.</p>}
      {rows.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.createdAt)}</td>
                  <td>{r.actorEmail ?? <span className="muted">system</span>}</td>
                  <th scope="row">
                    {ACTIONS[r.action] ?? r.action}
                    <div className="muted small">
                      <code>{r.action}</code>
                    </div>
                  </th>
                  <td>
                    {r.targetType}
                    {r.targetId && (
                      <div className="muted small">
                        <code title={r.targetId}>{r.targetId.slice(0, 8)}</code>
                      </div>
                    )}
                  </td>
                  <td>
                    {Object.keys(r.data).length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      <ul className="compact-list audit-data">
                        {Object.entries(r.data).map(([k, v]) => (
                          <li key={k}>
                            {k}: {showValue(v)}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <button type="button" onClick={() => void audit.fetchNextPage()} disabled={audit.isFetchingNextPage}>
          {audit.isFetchingNextPage ? 'Loading older entries…' : 'Show older entries'}
        </button>
      )}
    </section>
  );
}
