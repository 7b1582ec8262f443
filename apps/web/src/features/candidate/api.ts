import type { InterviewState, InterviewSummary } from '@interview/contracts/api';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../api/client';
import type { InterviewResults, TemplateSummary } from './types';

export const keys = {
  templates: ['templates'] as const,
  myInterviews: ['interviews', 'mine'] as const,
  interview: (id: string) => ['interview', id] as const,
  results: (id: string) => ['interview', id, 'results'] as const,
};

export const fetchInterview = (id: string) => api.get<InterviewState>(`/api/interviews/${id}`);

export function useTemplates() {
  return useQuery({ queryKey: keys.templates, queryFn: () => api.get<TemplateSummary[]>('/api/templates') });
}

/** A candidate's own interviews (the API scopes the list to them), newest first. */
export function useMyInterviews() {
  return useQuery({
    queryKey: keys.myInterviews,
    queryFn: () => api.get<InterviewSummary[]>('/api/interviews?sort=created_desc&limit=200'),
  });
}

export function useInterview(id: string) {
  return useQuery({ queryKey: keys.interview(id), queryFn: () => fetchInterview(id) });
}

/** Nothing left for the workers to do: every question is graded, or waits for a person. */
export const settled = (r: InterviewResults) =>
  r.questions.every(
    (q) =>
      q.answerStatus === 'needs_human_review' || (q.grade !== null && q.grade.status !== 'pending' && q.answerStatus !== 'transcribing'),
  );

/** Polls at most this many times (10 minutes) while grades are pending; a stuck job stops the polling. */
const MAX_POLLS = 200;

/** Results; while any grade is still pending it refreshes every few seconds. */
export function useResults(id: string) {
  return useQuery({
    queryKey: keys.results(id),
    queryFn: () => api.get<InterviewResults>(`/api/interviews/${id}/results`),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data && !settled(data) && query.state.dataUpdateCount < MAX_POLLS ? 3000 : false;
    },
    retry: (count, err) => count < 1 && !(err instanceof ApiError && err.status < 500),
  });
}
