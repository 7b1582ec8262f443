import type { SessionInfo } from '@interview/contracts/api';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../api/client';
import { useSession, useSetSession } from '../../api/session';
import { ErrorNote, Loading, Page } from '../../ui/page';

interface Preview {
  orgName: string;
  email: string;
  role: string;
  expiresAt: string;
  accountExists: boolean;
}

/** The landing page of an invitation link: create the account (or sign in), then join. */
export default function AcceptInvite() {
  const { token = '' } = useParams();
  const session = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const preview = useQuery({ queryKey: ['invite', token], queryFn: () => api.get<Preview>(`/api/invitations/${token}`), retry: false });
  const accept = useMutation({
    mutationFn: () => api.post<SessionInfo>(`/api/invitations/${token}/accept`, session.data ? {} : { name, password }),
    onSuccess: (s) => {
      setSession(s);
      navigate('/');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    accept.mutate();
  };
  if (preview.isPending || session.isPending) return <Loading />;
  if (preview.error) {
    return (
      <Page title="Invitation">
        <ErrorNote error={preview.error} />
        <Link to="/sign-in">Go to sign in</Link>
      </Page>
    );
  }
  const p = preview.data;
  const mustSignIn = p.accountExists && !session.data;
  return (
    <Page title={`Join ${p.orgName}`}>
      <form className="card form narrow" onSubmit={submit}>
        <p>
          You are invited as <strong>{p.role}</strong> ({p.email}). The link works once, until {new Date(p.expiresAt).toLocaleString()}.
        </p>
        {mustSignIn && (
          <p>
            An account exists for this email. <Link to={`/sign-in?next=/invite/${token}`}>Sign in</Link>, then come back to accept.
          </p>
        )}
        {!p.accountExists && !session.data && (
          <>
            <label>
              Your name
              <input autoComplete="name" required value={name} onChange={(e) => setName(e.target.value)} />
            </label>
            <label>
              Choose a password <span className="muted">(at least 10 characters)</span>
              <input
                type="password"
                autoComplete="new-password"
                minLength={10}
                required
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </>
        )}
        <ErrorNote error={accept.error} />
        <button type="submit" className="primary" disabled={mustSignIn || accept.isPending}>
          Accept invitation
        </button>
      </form>
    </Page>
  );
}
