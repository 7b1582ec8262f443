import type { Role } from '@interview/contracts/api';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { hasRole, useSession } from '../api/session';
import { ErrorNote, Loading } from '../ui/page';

/** Signed-out visitors go to sign-in (and come back after); members below `min` see a refusal. */
export function RequireRole({ min = 'candidate', children }: { min?: Role; children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading />;
  if (session.error) return <ErrorNote error={session.error} />;
  if (!session.data) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname)}`} replace />;
  if (!hasRole(session.data, min)) return <p role="alert">This page needs the {min} role.</p>;
  return <>{children}</>;
}

/** `/` sends each member to their main screen. */
export function Home() {
  const session = useSession();
  if (session.isPending) return <Loading />;
  if (!session.data) return <Navigate to="/sign-in" replace />;
  return <Navigate to={hasRole(session.data, 'reviewer') ? '/review' : '/practice'} replace />;
}
