import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorSummary, type FieldErrors, serverFieldErrors } from '../../ui/form-errors';
import { InputField, SelectField } from '../../ui/form-fields';
import { formatDateTime } from '../../ui/format';
import { ErrorNote, Loading } from '../../ui/page';
import { StatusMessage } from '../../ui/status-message';
import { useCreateInvitation, useInvitations, useRevokeInvitation } from './queries';
import type { CreatedInvitationBody, InvitationBody, InviteRole } from './types';

const ID = 'invite';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function invitationStatus(i: InvitationBody): { label: string; open: boolean } {
  if (i.acceptedAt) return { label: `Accepted ${formatDateTime(i.acceptedAt)}`, open: false };
  if (new Date(i.expiresAt).getTime() < Date.now()) return { label: `Expired ${formatDateTime(i.expiresAt)}`, open: false };
  return { label: `Pending until ${formatDateTime(i.expiresAt)}`, open: true };
}

/** Invite people by email; the one-time link is shown once, to copy. Open invitations can be revoked. */
export function InvitationsSection() {
  const invitations = useInvitations();
  const create = useCreateInvitation();
  const revoke = useRevokeInvitation();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('reviewer');
  const [hours, setHours] = useState(168);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<CreatedInvitationBody | null>(null);
  const [status, setStatus] = useState('');
  const [revoking, setRevoking] = useState<InvitationBody | null>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  // A new link gets focus (and is selected), ready to copy.
  useEffect(() => {
    if (created) linkRef.current?.focus();
  }, [created]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: FieldErrors = {};
    if (!EMAIL.test(email.trim())) found.email = 'Enter an email address like name@example.com.';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setCreated(null);
    create.mutate(
      { email: email.trim(), role, expiresInHours: hours },
      {
        onSuccess: (inv) => {
          setCreated(inv);
          setEmail('');
          setStatus(`Invitation created for ${inv.email}. Copy the link now: it is shown only once.`);
        },
        onError: (err) => {
          setErrors(serverFieldErrors(err));
          setStatus('No invitation was created.');
        },
      },
    );
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.url);
      setStatus('Link copied to the clipboard.');
    } catch {
      linkRef.current?.select();
      setStatus('Copying is blocked here: the link is selected, press Ctrl+C or Cmd+C.');
    }
  };

  return (
    <section className="card stack" aria-labelledby="invitations-title" id="invitations">
      <h2 id="invitations-title">Invitations</h2>
      <form className="form invite-form" onSubmit={submit} noValidate aria-labelledby="invite-form-title">
        <h3 id="invite-form-title">Invite someone</h3>
        <ErrorSummary idPrefix={ID} errors={errors} title="The invitation was not created:" />
        <div className="grid">
          <InputField
            idPrefix={ID}
            path="email"
            errors={errors}
            label="Email address"
            type="email"
            autoComplete="off"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
          <SelectField
            idPrefix={ID}
            path="role"
            errors={errors}
            label="Role"
            value={role}
            onChange={(e) => setRole(e.target.value as InviteRole)}
          >
            <option value="reviewer">Reviewer: reads and scores interviews</option>
            <option value="admin">Admin: also edits rubrics, templates and members</option>
            <option value="candidate">Candidate: takes interviews</option>
          </SelectField>
          <SelectField
            idPrefix={ID}
            path="expiresInHours"
            errors={errors}
            label="Link works for"
            value={hours}
            onChange={(e) => setHours(Number(e.target.value))}
          >
            <option value={24}>1 day</option>
            <option value={72}>3 days</option>
            <option value={168}>7 days</option>
            <option value={720}>30 days</option>
          </SelectField>
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={create.isPending}>
            Create invitation
          </button>
        </div>
        {create.error && Object.keys(serverFieldErrors(create.error)).length === 0 && <ErrorNote error={create.error} />}
      </form>

      {created && (
        <div className="notice stack">
          <div className="field">
            <label htmlFor="invite-link">One-time invitation link for {created.email}</label>
            <p id="invite-link-hint" className="field-hint">
              Shown only once: only a hash is stored. It works until {formatDateTime(created.expiresAt)}.
            </p>
            <div className="row link-row">
              <input
                id="invite-link"
                ref={linkRef}
                readOnly
                value={created.url}
                aria-describedby="invite-link-hint"
                onFocus={(e) => e.target.select()}
              />
              <button type="button" onClick={() => void copy()}>
                Copy link
              </button>
            </div>
          </div>
        </div>
      )}
      <StatusMessage message={status} />

      <h3>Sent invitations</h3>
      {invitations.isPending && <Loading />}
      <ErrorNote error={invitations.error} />
      <ErrorNote error={revoke.error} />
      {invitations.data && invitations.data.length === 0 && <p className="muted">No invitations yet.</p>}
      {invitations.data && invitations.data.length > 0 && (
        <div className="table-wrap">
          <table>
            <caption className="sr-only">Invitations, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Status</th>
                <th scope="col">Sent</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((i) => {
                const s = invitationStatus(i);
                return (
                  <tr key={i.id}>
                    <th scope="row">{i.email}</th>
                    <td>{i.role}</td>
                    <td>
                      <span className={s.open ? 'badge badge-warn' : i.acceptedAt ? 'badge badge-ok' : 'badge'}>{s.label}</span>
                    </td>
                    <td>{formatDateTime(i.createdAt)}</td>
                    <td>
                      {s.open && (
                        <button
                          type="button"
                          className="danger"
                          aria-label={`Revoke invitation for ${i.email}`}
                          onClick={() => setRevoking(i)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ''}?`}
        confirmLabel="Yes, revoke"
        danger
        busy={revoke.isPending}
        onCancel={() => setRevoking(null)}
        onConfirm={() => {
          const target = revoking;
          if (!target) return;
          revoke.mutate(target.id, {
            onSuccess: () => {
              setStatus(`The invitation for ${target.email} was revoked.`);
              if (created?.id === target.id) setCreated(null);
            },
            onSettled: () => setRevoking(null),
          });
        }}
      >
        <p>The link stops working at once. You can send a new invitation later.</p>
      </ConfirmDialog>
    </section>
  );
}
