import { type FormEvent, useId, useState } from 'react';
import { ErrorNote, Loading } from '../../../ui/page';
import { useInvitations, useInviteCandidate } from '../api';
import { formatDate } from '../format';

/**
 * Invites a new candidate by email and shows the one-time link to send them. The interview can
 * be scheduled once they accept: only members of the organisation can be interview candidates.
 */
export function InviteForm() {
  const id = useId();
  const invite = useInviteCandidate();
  const invitations = useInvitations();
  const [email, setEmail] = useState('');
  const [copied, setCopied] = useState<'yes' | 'no' | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCopied(null);
    invite.mutate(email.trim());
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied('yes');
    } catch {
      setCopied('no');
    }
  };

  const pending = (invitations.data ?? []).filter(
    (i) => i.role === 'candidate' && i.acceptedAt === null && new Date(i.expiresAt).getTime() > Date.now(),
  );

  return (
    <div className="form">
      <form className="form" aria-labelledby={`${id}-title`} onSubmit={submit}>
        <h3 id={`${id}-title`}>Invite a new candidate</h3>
        <div className="field">
          <label htmlFor={`${id}-email`}>Candidate email</label>
          <input
            id={`${id}-email`}
            type="email"
            autoComplete="off"
            required
            maxLength={254}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div>
          <button type="submit" disabled={invite.isPending || email.trim() === ''}>
            {invite.isPending ? 'Creating link…' : 'Create invitation link'}
          </button>
        </div>
        <ErrorNote error={invite.error} />
      </form>
      <div aria-live="polite">
        {invite.data && (
          <div className="notice stack">
            <p>
              Invitation created for <strong>{invite.data.email}</strong>. Send them this link; it is shown only once and works until{' '}
              {formatDate(invite.data.expiresAt)}. Once they accept, they appear in the Candidate list and you can schedule their interview.
            </p>
            <div className="field">
              <label htmlFor={`${id}-link`}>Invitation link</label>
              <input id={`${id}-link`} type="text" readOnly value={invite.data.url} onFocus={(e) => e.currentTarget.select()} />
            </div>
            <div className="row">
              <button type="button" onClick={() => invite.data && copy(invite.data.url)}>
                Copy link
              </button>
              {copied === 'yes' && <span>Link copied.</span>}
              {copied === 'no' && <span>Copying is blocked here: select the link and copy it yourself.</span>}
            </div>
          </div>
        )}
      </div>
      {invitations.isPending ? (
        <Loading label="Loading invitations…" />
      ) : pending.length > 0 ? (
        <div>
          <h4 className="small-heading">Waiting to accept</h4>
          <ul className="plain-list">
            {pending.map((i) => (
              <li key={i.id}>
                {i.email} <span className="muted small">(link works until {formatDate(i.expiresAt)})</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
