import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@interview/config';
import { type Running, start } from '../../../api/src/boot/start';
import { buildWeb, DIST_DIR } from './build';

type Role = 'candidate' | 'reviewer' | 'admin';
export type Login = { email: string; password: string };

export interface E2eApp {
  /** http://127.0.0.1:<port>, serving the built web app and the API. */
  url: string;
  dataDir: string;
  logins: Record<Role, Login>;
  running: Running;
  close(): Promise<void>;
}

// pino belongs to the API package; load it from there rather than adding it to the web app.
const apiRequire = createRequire(new URL('../../../api/package.json', import.meta.url));
const pino = apiRequire('pino') as (opts: { level: string }) => Parameters<typeof start>[1];

/** Reads the demo logins that start() saves in the data folder on first run. */
async function readDemoLogins(dataDir: string): Promise<Record<Role, Login>> {
  const text = await readFile(join(dataDir, 'demo-logins.txt'), 'utf8');
  const logins: Partial<Record<Role, Login>> = {};
  for (const m of text.matchAll(/^\s+(candidate|reviewer|admin)\s+(\S+)\s+(\S+)\s*$/gm)) {
    logins[m[1] as Role] = { email: m[2]!, password: m[3]! };
  }
  if (!logins.candidate || !logins.reviewer || !logins.admin) throw new Error(`demo logins missing from:\n${text}`);
  return logins as Record<Role, Login>;
}

/**
 * Builds the web app if needed and boots the real app in-process through `start()`: embedded
 * profile on a fresh data folder, demo organisation seeded, any extra env on top.
 */
export async function bootApp(env: Record<string, string> = {}): Promise<E2eApp> {
  buildWeb();
  const dataDir = await mkdtemp(join(tmpdir(), 'interview-e2e-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    SEED_DEMO: 'true',
    // The flows sign in many times from one address.
    AUTH_RATE_LIMIT_PER_MIN: '1000',
    DATA_DIR: dataDir,
    ...env,
  });
  const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  // start() prints the demo logins; keep test output quiet while it does.
  const write = process.stdout.write;
  process.stdout.write = () => true;
  let running: Running;
  try {
    running = await start(config, log, { webRoot: DIST_DIR });
  } finally {
    process.stdout.write = write;
  }
  const address = running.server!.server.address();
  const url = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  return {
    url,
    dataDir,
    logins: await readDemoLogins(dataDir),
    running,
    async close() {
      await running.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
