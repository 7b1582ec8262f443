import type {
  CalibrationItem,
  CalibrationRun,
  RegradeDiff,
  RubricDetail,
  RubricDiff,
  RubricPage,
  RubricVersionDetail,
  TryRubricResult,
} from '@interview/contracts/api';
import type { RubricDefinition } from '@interview/contracts/rubric';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { RegradeAcceptedBody } from '../types';

const KEY = ['studio', 'rubrics'] as const;
export const RUBRIC_PAGE_SIZE = 200;

export function useRubrics(f: { questionId?: string; offset?: number }) {
  const qs = new URLSearchParams({ limit: String(RUBRIC_PAGE_SIZE) });
  if (f.questionId) qs.set('questionId', f.questionId);
  if (f.offset) qs.set('offset', String(f.offset));
  return useQuery({
    queryKey: [...KEY, 'list', f],
    queryFn: () => api.get<RubricPage>(`/api/rubrics?${qs}`),
    placeholderData: keepPreviousData,
  });
}

export function useRubric(id: string) {
  return useQuery({ queryKey: [...KEY, id], queryFn: () => api.get<RubricDetail>(`/api/rubrics/${id}`) });
}

/** A version's definition; published versions never change, so they are cached for good. */
export function useRubricVersion(rubricId: string, versionId: string | undefined) {
  return useQuery({
    queryKey: [...KEY, rubricId, 'version', versionId],
    queryFn: () => api.get<RubricVersionDetail>(`/api/rubrics/${rubricId}/versions/${versionId}`),
    enabled: !!versionId,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const invalidateRubric = (client: ReturnType<typeof useQueryClient>, id: string) =>
  Promise.all([
    client.invalidateQueries({ queryKey: [...KEY, id], exact: true }),
    client.invalidateQueries({ queryKey: [...KEY, 'list'] }),
    client.invalidateQueries({ queryKey: [...KEY, id, 'diff'] }),
  ]);

export function useForkRubric(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name?: string) => api.post<RubricDetail>(`/api/rubrics/${id}/fork`, name ? { name } : {}),
    onSuccess: (created) => {
      client.setQueryData([...KEY, created.id], created);
      void client.invalidateQueries({ queryKey: [...KEY, 'list'] });
    },
  });
}

export function useSaveDraft(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (definition: RubricDefinition) => api.put<RubricVersionDetail>(`/api/rubrics/${id}/draft`, { definition }),
    onSuccess: (saved) => {
      client.setQueryData([...KEY, id, 'version', saved.id], saved);
      return invalidateRubric(client, id);
    },
  });
}

export function usePublish(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<RubricVersionDetail>(`/api/rubrics/${id}/publish`),
    onSuccess: (published) => {
      client.setQueryData([...KEY, id, 'version', published.id], published);
      return invalidateRubric(client, id);
    },
  });
}

/** The diff between two versions; either end left out takes the server's default (previous published, draft). */
export function useRubricDiff(id: string, from: string, to: string, enabled: boolean) {
  const qs = new URLSearchParams();
  if (from) qs.set('from', from);
  if (to) qs.set('to', to);
  return useQuery({
    queryKey: [...KEY, id, 'diff', from, to],
    queryFn: () => api.get<RubricDiff>(`/api/rubrics/${id}/diff?${qs}`),
    enabled: enabled && !(from && from === to),
    retry: false,
  });
}

export function useTryRubric() {
  return useMutation({
    mutationFn: (body: { answer: string; rubricId?: string; versionId?: string }) => api.post<TryRubricResult>('/api/rubrics/try', body),
  });
}

// ---- Calibration

export function useCalibration(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, id, 'calibration'],
    queryFn: () => api.get<CalibrationItem[]>(`/api/rubrics/${id}/calibration`),
    enabled,
  });
}

export function useAddCalibration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { answer: string; expectedScores: Record<string, number>; note?: string }) =>
      api.post<CalibrationItem>(`/api/rubrics/${id}/calibration`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...KEY, id, 'calibration'] }),
  });
}

export function useDeleteCalibration(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (calibrationId: string) => api.delete<void>(`/api/rubrics/${id}/calibration/${calibrationId}`),
    onSuccess: () => client.invalidateQueries({ queryKey: [...KEY, id, 'calibration'] }),
  });
}

export function useRunCalibration(id: string) {
  return useMutation({
    mutationFn: (versionId?: string) => api.post<CalibrationRun>(`/api/rubrics/${id}/calibration/run`, versionId ? { versionId } : {}),
  });
}

// ---- Regrade

export function useRegrade(versionId: string) {
  return useMutation({
    mutationFn: (body: { templateId: string }) => api.post<RegradeAcceptedBody>(`/api/rubrics/versions/${versionId}/regrade`, body),
  });
}

/** The before/after scores under a version; `poll` refetches every 2 s while a regrade is running. */
export function useRegradeDiff(versionId: string | undefined, poll: (diff: RegradeDiff | undefined) => boolean) {
  return useQuery({
    queryKey: [...KEY, 'regrade-diff', versionId],
    queryFn: () => api.get<RegradeDiff>(`/api/rubrics/versions/${versionId}/regrade-diff`),
    enabled: !!versionId,
    refetchInterval: (query) => (poll(query.state.data) ? 2_000 : false),
  });
}
