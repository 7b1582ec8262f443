import type { Role, SessionInfo } from '@interview/contracts/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';

export const SESSION_KEY = ['session'] as const;

/** The signed-in user, or null when signed out. Keeps the CSRF token current. */
export async function fetchSession(): Promise<SessionInfo | null> {
  try {
    const session = await api.get<SessionInfo>('/api/auth/session');
    setCsrfToken(session.csrfToken);
    return session;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 401 || err.status === 403)) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

export function useSession() {
  return useQuery({ queryKey: SESSION_KEY, queryFn: fetchSession, staleTime: 60_000 });
}

/** After sign-in, sign-up or accepting an invitation the server returns the new session. */
export function useSetSession() {
  const client = useQueryClient();
  return (session: SessionInfo | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    client.setQueryData(SESSION_KEY, session);
    if (!session) client.clear();
  };
}

const RANK: Record<Role, number> = { candidate: 0, reviewer: 1, admin: 2, owner: 3 };
export const hasRole = (session: SessionInfo | null | undefined, min: Role) => !!session && RANK[session.organisation.role] >= RANK[min];
