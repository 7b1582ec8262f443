import { useQuery } from '@tanstack/react-query';
import { api } from './client';

export interface Health {
  status: 'ok';
  profile: 'embedded' | 'postgres' | 'scale-out';
  queueBackend: 'redis' | 'postgres';
  grader: 'offline' | 'llm';
  transcription: 'service' | 'captions-only';
  role: 'all' | 'api' | 'worker';
}

/** Which grader and transcription the server runs: the UI labels offline grades from this. */
export function useHealth() {
  return useQuery({ queryKey: ['health'], queryFn: () => api.get<Health>('/healthz'), staleTime: 5 * 60_000 });
}
