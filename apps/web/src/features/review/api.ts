import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  Agreement,
  Comparison,
  CreatedInvitation,
  DecisionKind,
  DecisionRecord,
  InterviewResults,
  InterviewState,
  InterviewSummary,
  Invitation,
  Member,
  OverrideResult,
  ReleaseResult,
  TemplateSummary,
  Transcript,
} from './types';

/** Query keys of the reviewer screens; every write invalidates `['review']` so lists and totals stay current. */
export const reviewKeys = {
  all: ['review'] as const,
  interviews: (query: string) => ['review', 'interviews', query] as const,
  transcript: (id: string) => ['review', 'transcript', id] as const,
  results: (id: string) => ['review', 'results', id] as const,
  compare: (templateId: string) => ['review', 'compare', templateId] as const,
  agreement: ['review', 'agreement'] as const,
  candidates: ['review', 'candidates'] as const,
  invitations: ['review', 'invitations'] as const,
};

/** `query` is the URL search string the API understands (status, templateId, flagged, minScore, maxScore, sort, limit, offset). */
export function useInterviews(query: string) {
  return useQuery({
    queryKey: reviewKeys.interviews(query),
    queryFn: () => api.get<InterviewSummary[]>(`/api/interviews?${query}`),
    placeholderData: (previous) => previous,
  });
}

export function useTemplates() {
  return useQuery({ queryKey: ['templates'], queryFn: () => api.get<TemplateSummary[]>('/api/templates'), staleTime: 60_000 });
}

export function useCandidates() {
  // Refetched on focus: a reviewer who sent an invitation link comes back to find the new candidate listed.
  return useQuery({
    queryKey: reviewKeys.candidates,
    queryFn: () => api.get<Member[]>('/api/org/members?role=candidate'),
    refetchOnWindowFocus: true,
  });
}

export function useInvitations() {
  return useQuery({
    queryKey: reviewKeys.invitations,
    queryFn: () => api.get<Invitation[]>('/api/org/invitations'),
    refetchOnWindowFocus: true,
  });
}

/** `pollWhile` keeps the transcript fresh while answers are still being transcribed or graded. */
export function useTranscript(id: string, pollWhile: (t: Transcript | undefined) => boolean = () => false) {
  return useQuery({
    queryKey: reviewKeys.transcript(id),
    queryFn: () => api.get<Transcript>(`/api/review/interviews/${id}/transcript`),
    refetchInterval: (query) => (pollWhile(query.state.data) ? 5_000 : false),
  });
}

/** The candidate-facing results: read only for the rubric's level descriptors and key-point wording. */
export function useResultTexts(id: string) {
  return useQuery({
    queryKey: reviewKeys.results(id),
    queryFn: () => api.get<InterviewResults>(`/api/interviews/${id}/results`),
    retry: false,
  });
}

export function useComparison(templateId: string) {
  return useQuery({
    queryKey: reviewKeys.compare(templateId),
    queryFn: () => api.get<Comparison>(`/api/review/compare?templateId=${encodeURIComponent(templateId)}`),
    enabled: templateId !== '',
  });
}

export function useAgreement() {
  return useQuery({ queryKey: reviewKeys.agreement, queryFn: () => api.get<Agreement>('/api/review/agreement') });
}

function useInvalidateReview() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: reviewKeys.all });
}

export function useOverride(gradeId: string) {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: (body: { criterionKey: string; score: number; reason: string }) =>
      api.post<OverrideResult>(`/api/review/grades/${gradeId}/overrides`, body),
    onSuccess: invalidate,
  });
}

export function useDecision(interviewId: string) {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: (body: { decision: DecisionKind; notes: string }) =>
      api.put<DecisionRecord>(`/api/review/interviews/${interviewId}/decision`, body),
    onSuccess: invalidate,
  });
}

export function useRelease(interviewId: string) {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: () => api.post<ReleaseResult>(`/api/review/interviews/${interviewId}/release`),
    onSuccess: invalidate,
  });
}

export function useScheduleInterview() {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: (body: { templateId: string; candidateId: string }) => api.post<InterviewState>('/api/interviews', body),
    onSuccess: invalidate,
  });
}

export function useInviteCandidate() {
  const invalidate = useInvalidateReview();
  return useMutation({
    mutationFn: (email: string) => api.post<CreatedInvitation>('/api/org/invitations', { email, role: 'candidate' }),
    onSuccess: invalidate,
  });
}

/** Download links for one interview's report and for an organisation report. */
export const exportUrls = {
  interview: (id: string, format: 'json' | 'csv') => `/api/review/interviews/${id}/export?format=${format}`,
  org: (templateId: string, format: 'json' | 'csv') =>
    `/api/review/export?${new URLSearchParams(templateId ? { templateId, format } : { format }).toString()}`,
};
