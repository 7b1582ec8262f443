import type { TemplateBody, TemplateDetail } from '@interview/contracts/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { TemplateSummaryBody } from '../types';

const KEY = ['studio', 'templates'] as const;

export function useTemplates() {
  return useQuery({ queryKey: KEY, queryFn: () => api.get<TemplateSummaryBody[]>('/api/templates') });
}

export function useTemplate(id: string | undefined) {
  return useQuery({
    queryKey: [...KEY, id],
    queryFn: () => api.get<TemplateDetail>(`/api/templates/${id}`),
    enabled: !!id,
  });
}

/** Creates (no id) or replaces (id) a template; the list and the detail are refreshed. */
export function useSaveTemplate(id: string | undefined) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateBody) =>
      id ? api.put<TemplateDetail>(`/api/templates/${id}`, body) : api.post<TemplateDetail>('/api/templates', body),
    onSuccess: (saved) => {
      client.setQueryData([...KEY, saved.id], saved);
      void client.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}

export function useDeleteTemplate(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete<void>(`/api/templates/${id}`),
    onSuccess: () => {
      client.removeQueries({ queryKey: [...KEY, id] });
      void client.invalidateQueries({ queryKey: KEY, exact: true });
    },
  });
}
