import type { Category } from '@interview/contracts';
import type { QuestionDetail } from '@interview/contracts/api';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client';
import type { QuestionPageBody } from '../types';

export const BANK_PAGE_SIZE = 50;

export interface QuestionFilter {
  search?: string;
  category?: Category;
  offset?: number;
  limit?: number;
}

export function questionsUrl(f: QuestionFilter) {
  const qs = new URLSearchParams();
  if (f.search) qs.set('search', f.search);
  if (f.category) qs.set('category', f.category);
  qs.set('limit', String(f.limit ?? BANK_PAGE_SIZE));
  if (f.offset) qs.set('offset', String(f.offset));
  return `/api/questions?${qs}`;
}

/** A page of the bank; the previous page stays on screen while the next one loads. */
export function useQuestions(f: QuestionFilter) {
  return useQuery({
    queryKey: ['studio', 'questions', f],
    queryFn: () => api.get<QuestionPageBody>(questionsUrl(f)),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export function useQuestion(id: string) {
  return useQuery({ queryKey: ['studio', 'question', id], queryFn: () => api.get<QuestionDetail>(`/api/questions/${id}`) });
}
