import type { Role } from '@interview/contracts/api';
import { useState } from 'react';
import { useSession } from '../../api/session';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/page';
import { StatusMessage } from '../../ui/status-message';
import { useChangeRole, useMembers, useRemoveMember } from './queries';
import type { MemberBody } from './types';

const ROLES: Role[] = ['candidate', 'reviewer', 'admin', 'owner'];

/** Members of the organisation: change a role (applies at once) or remove someone after a confirmation. */
export function MembersSection() {
  const session = useSession();
  const me = session.data;
  const isOwner = me?.organisation.role === 'owner';
  const members = useMembers();
  const changeRole = useChangeRole();
  const remove = useRemoveMember();
  const [status, setStatus] = useState('');
  const [removing, setRemoving] = useState<MemberBody | null>(null);

  /** Admins cannot touch owners, nor grant the owner role; nobody edits their own membership here. */
  const editable = (m: MemberBody) => m.userId !== me?.user.id && (isOwner || m.role !== 'owner');
  const roleChoices = isOwner ? ROLES : ROLES.filter((r) => r !== 'owner');

  return (
    <section className="card stack" aria-labelledby="members-title" id="members">
      <h2 id="members-title">Members</h2>
      {members.isPending && <Loading />}
      <ErrorNote error={members.error} />
      {members.data && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Members of {me?.organisation.orgName}</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Joined</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {members.data.map((m) => (
                <tr key={m.userId}>
                  <th scope="row">
                    {m.name}
                    {m.userId === me?.user.id && <span className="muted"> (you)</span>}
                  </th>
                  <td>{m.email}</td>
                  <td>
                    {editable(m) ? (
                      <select
                        aria-label={`Role for ${m.name}`}
                        value={m.role}
                        disabled={changeRole.isPending && changeRole.variables?.userId === m.userId}
                        onChange={(e) => {
                          const role = e.target.value as Role;
                          setStatus(`Changing ${m.name}’s role…`);
                          changeRole.mutate(
                            { userId: m.userId, role },
                            {
                              onSuccess: () => setStatus(`${m.name} is now ${role}.`),
                              onError: (err) => setStatus(`${m.name}’s role was not changed: ${err.message}`),
                            },
                          );
                        }}
                      >
                        {roleChoices.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    ) : (
                      m.role
                    )}
                  </td>
                  <td>{formatDateTime(m.joinedAt)}</td>
                  <td>
                    {editable(m) && (
                      <button type="button" className="danger" aria-label={`Remove ${m.name}`} onClick={() => setRemoving(m)}>
                        Remove
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <StatusMessage message={status} />
      <ErrorNote error={remove.error} />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? 'this member'}?`}
        confirmLabel="Remove member"
        danger
        busy={remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          const target = removing;
          if (!target) return;
          remove.mutate(target.userId, {
            onSuccess: () => setStatus(`${target.name} was removed from the organisation.`),
            onSettled: () => setRemoving(null),
          });
        }}
      >
        <p>
          {removing?.name} ({removing?.email}) loses access to {me?.organisation.orgName} at once. Their interviews, answers and grades
          stay. You can invite them again later.
        </p>
      </ConfirmDialog>
    </section>
  );
}
