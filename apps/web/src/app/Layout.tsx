import type { Role } from '@interview/contracts/api';
import { useMutation } from '@tanstack/react-query';
import { NavLink, Outlet, useNavigate } from 'react-router';
import { api } from '../api/client';
import { hasRole, useSession, useSetSession } from '../api/session';

const NAV: { to: string; label: string; min: Role }[] = [
  { to: '/practice', label: 'Practice', min: 'candidate' },
  { to: '/review', label: 'Interviews', min: 'reviewer' },
  { to: '/bank', label: 'Question bank', min: 'reviewer' },
  { to: '/templates', label: 'Templates', min: 'reviewer' },
  { to: '/rubrics', label: 'Rubrics', min: 'reviewer' },
  { to: '/admin', label: 'Admin', min: 'admin' },
];

export function Layout() {
  const session = useSession();
  const setSession = useSetSession();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => api.post('/api/auth/sign-out'),
    onSettled: () => {
      setSession(null);
      navigate('/sign-in');
    },
  });
  const s = session.data;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand">
          Mock Interview
        </NavLink>
        {s && (
          <nav aria-label="Main">
            <ul>
              {NAV.filter((n) => hasRole(s, n.min)).map((n) => (
                <li key={n.to}>
                  <NavLink to={n.to}>{n.label}</NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        {s && (
          <div className="who">
            <span title={s.user.email}>
              {s.user.name} · {s.organisation.orgName} ({s.organisation.role})
            </span>
            <button type="button" className="link" onClick={() => signOut.mutate()}>
              Sign out
            </button>
          </div>
        )}
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
