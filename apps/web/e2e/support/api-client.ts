import type { SessionInfo } from '@interview/contracts/api';
import type { Login } from './app';

/** A signed-in HTTP client for setup and assertions, with the session cookie and CSRF token. */
export class ApiClient {
  private cookie = '';
  private csrf = '';
  session: SessionInfo | null = null;

  constructor(private readonly baseUrl: string) {}

  static async signIn(baseUrl: string, login: Login): Promise<ApiClient> {
    const client = new ApiClient(baseUrl);
    const res = await fetch(`${baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    });
    if (!res.ok) throw new Error(`sign-in as ${login.email} failed: ${res.status} ${await res.text()}`);
    client.cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    client.session = (await res.json()) as SessionInfo;
    client.csrf = client.session.csrfToken;
    return client;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The session cookie, for a browser context that should start signed in. */
  cookies(): { name: string; value: string }[] {
    return this.cookie.split('; ').map((c) => {
      const at = c.indexOf('=');
      return { name: c.slice(0, at), value: c.slice(at + 1) };
    });
  }

  get = <T>(path: string) => this.request<T>('GET', path);
  post = <T>(path: string, body: unknown = {}) => this.request<T>('POST', path, body);
}
