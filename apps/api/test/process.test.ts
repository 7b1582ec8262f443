import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/db/test/support';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

async function freePort(): Promise<number> {
  const srv = createServer().listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

function launch(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/api/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: '', REDIS_URL: '', LLM_MODEL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return { child, output: () => output };
}

async function exitOf(child: ChildProcess) {
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  return { code, signal };
}

describe('the embedded process (pnpm start)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'interview-proc-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('serves, shuts down cleanly on SIGINT with exit code 0, and keeps its data across a restart', async () => {
    const port = await freePort();
    const env = { PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir };

    const first = launch(env);
    const health = await waitFor(
      async () =>
        fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.json(),
          () => null,
        ),
      60_000,
    );
    expect(health).toMatchObject({ profile: 'embedded', grader: 'offline' });
    // The logins are printed just after the server starts listening.
    await waitFor(async () => /candidate@demo\.local\s+demo-/.test(first.output()), 10_000);
    const exited = exitOf(first.child);
    first.child.kill('SIGINT');
    expect(await exited).toEqual({ code: 0, signal: null });

    const second = launch(env);
    await waitFor(
      async () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        ),
      60_000,
    );
    // Same organisation, no second set of demo logins: the data survived the restart.
    expect(second.output()).not.toMatch(/Demo organisation created/);
    const done = exitOf(second.child);
    second.child.kill('SIGTERM');
    expect(await done).toEqual({ code: 0, signal: null });
  });

  it('refuses bad configuration with a clear message and exit code 1', async () => {
    const badPort = launch({ PORT: 'eighty' });
    expect((await exitOf(badPort.child)).code).toBe(1);
    expect(badPort.output()).toMatch(/Invalid environment:\n\s+- PORT: /);

    const workerWithoutDb = launch({ ROLE: 'worker' });
    expect((await exitOf(workerWithoutDb.child)).code).toBe(1);
    expect(workerWithoutDb.output()).toMatch(/ROLE=worker needs DATABASE_URL/);
  });
});
