import type { Role } from '@interview/contracts/api';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AuditEntryBody, CreatedInvitationBody, InvitationBody, InviteRole, MemberBody, QueueHealth } from './types';

const KEY = ['admin'] as const;
export const AUDIT_PAGE_SIZE = 50;

export function useMembers() {
  return useQuery({ queryKey: [...KEY, 'members'], queryFn: () => api.get<MemberBody[]>('/api/org/members') });
}

export function useChangeRole() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { userId: string; role: Role }) =>
      api.patch<{ userId: string; role: Role }>(`/api/org/members/${v.userId}`, { role: v.role }),
    onSettled: () =>
      Promise.all([client.invalidateQueries({ queryKey: [...KEY, 'members'] }), client.invalidateQueries({ queryKey: [...KEY, 'audit'] })]),
  });
}

export function useRemoveMember() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => api.delete<void>(`/api/org/members/${userId}`),
    onSuccess: () =>
      Promise.all([client.invalidateQueries({ queryKey: [...KEY, 'members'] }), client.invalidateQueries({ queryKey: [...KEY, 'audit'] })]),
  });
}

export function useInvitations() {
  return useQuery({ queryKey: [...KEY, 'invitations'], queryFn: () => api.get<InvitationBody[]>('/api/org/invitations') });
}

export function useCreateInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: InviteRole; expiresInHours: number }) =>
      api.post<CreatedInvitationBody>('/api/org/invitations', body),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...KEY, 'invitations'] }),
        client.invalidateQueries({ queryKey: [...KEY, 'audit'] }),
      ]),
  });
}

export function useRevokeInvitation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<void>(`/api/org/invitations/${id}`),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: [...KEY, 'invitations'] }),
        client.invalidateQueries({ queryKey: [...KEY, 'audit'] }),
      ]),
  });
}

/** The audit log, newest first, a page at a time (`before` = the last id seen). */
export function useAudit(action: string) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'audit', action],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) => {
      const qs = new URLSearchParams({ limit: String(AUDIT_PAGE_SIZE) });
      if (action) qs.set('action', action);
      if (pageParam) qs.set('before', String(pageParam));
      return api.get<AuditEntryBody[]>(`/api/org/audit?${qs}`);
    },
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : last[last.length - 1]?.id),
  });
}

/** Job counts per queue; refreshed every 15 s while the page is open. */
export function useQueueHealth() {
  return useQuery({
    queryKey: [...KEY, 'queues'],
    queryFn: () => api.get<QueueHealth>('/api/admin/queues'),
    refetchInterval: 15_000,
  });
}
