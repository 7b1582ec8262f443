import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * Stands in for a FastifyInstance where only `inject` is used (TestClient, signUp, invite), but
 * sends real HTTP requests to `baseUrl`: for API processes started as child processes.
 */
export function httpServer(baseUrl: string): FastifyInstance {
  const inject = async (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    const headers = { ...(opts.headers as Record<string, string>) };
    let body: string | undefined;
    if (opts.payload !== undefined) {
      body = typeof opts.payload === 'string' ? opts.payload : JSON.stringify(opts.payload);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(`${baseUrl}${opts.url}`, { method: opts.method ?? 'GET', headers, body });
    const text = await res.text();
    const cookies = res.headers.getSetCookie().map((c) => {
      const [pair = ''] = c.split(';');
      const i = pair.indexOf('=');
      return { name: pair.slice(0, i).trim(), value: pair.slice(i + 1).trim() };
    });
    return {
      statusCode: res.status,
      headers: Object.fromEntries(res.headers),
      cookies,
      body: text,
      payload: text,
      json: () => JSON.parse(text),
    } as unknown as LightMyRequestResponse;
  };
  return { inject } as unknown as FastifyInstance;
}
