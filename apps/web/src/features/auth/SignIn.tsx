import type { SessionInfo } from '@interview/contracts/api';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSetSession } from '../../api/session';
import { ErrorNote, Page } from '../../ui/page';

export default function SignIn() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const setSession = useSetSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useMutation({
    mutationFn: () => api.post<SessionInfo>('/api/auth/sign-in', { email, password }),
    onSuccess: (session) => {
      setSession(session);
      navigate(params.get('next') ?? '/');
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate();
  };
  return (
    <Page title="Sign in">
      <form className="card form narrow" onSubmit={submit}>
        <label>
          Email
          <input type="email" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={signIn.error} />
        <button type="submit" className="primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
        <p className="muted">
          New here? <Link to="/sign-up">Create an account</Link> to practise on your own.
        </p>
      </form>
    </Page>
  );
}
