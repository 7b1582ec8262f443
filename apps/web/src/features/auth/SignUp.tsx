import type { SessionInfo } from '@interview/contracts/api';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api/client';
import { useSetSession } from '../../api/session';
import { ErrorNote, Page } from '../../ui/page';

export default function SignUp() {
  const [form, setForm] = useState({ name: '', email: '', password: '', organisationName: '' });
  const setSession = useSetSession();
  const navigate = useNavigate();
  const signUp = useMutation({
    mutationFn: () => api.post<SessionInfo>('/api/auth/sign-up', { ...form, organisationName: form.organisationName.trim() || undefined }),
    onSuccess: (session) => {
      setSession(session);
      navigate('/');
    },
  });
  const field = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signUp.mutate();
  };
  return (
    <Page title="Create an account">
      <form className="card form narrow" onSubmit={submit}>
        <label>
          Your name
          <input autoComplete="name" required {...field('name')} />
        </label>
        <label>
          Email
          <input type="email" autoComplete="email" required {...field('email')} />
        </label>
        <label>
          Password <span className="muted">(at least 10 characters)</span>
          <input type="password" autoComplete="new-password" minLength={10} required {...field('password')} />
        </label>
        <label>
          Company or team <span className="muted">(optional: leave empty for a personal practice space)</span>
          <input autoComplete="organization" {...field('organisationName')} />
        </label>
        <ErrorNote error={signUp.error} />
        <button type="submit" className="primary" disabled={signUp.isPending}>
          Create account
        </button>
        <p className="muted">
          Already have one? <Link to="/sign-in">Sign in</Link>
        </p>
      </form>
    </Page>
  );
}
