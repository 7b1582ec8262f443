export interface Health {
  status: string;
  profile: 'embedded' | 'postgres' | 'scale-out';
  queueBackend: 'redis' | 'postgres';
  grader: 'offline' | 'llm';
}

export async function fetchHealth(signal?: AbortSignal): Promise<Health> {
  const res = await fetch('/healthz', { signal });
  if (!res.ok) throw new Error(`health check failed: ${res.status}`);
  return (await res.json()) as Health;
}
