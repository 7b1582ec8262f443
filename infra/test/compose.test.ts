import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { EnvSchema, loadConfig } from '@interview/config';
import { loadBank } from '@interview/question-bank';
import { createGrader, createTranscriber } from '@interview/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { APP_GRACE_S, DOCKER_HEALTHCHECK, ENV_NAMES, MIGRATE_COMMAND, ROOT, src, workerDrainS } from './facts';

// docker-compose.yml (parsed, no Docker engine needed) and the demo LLM stub.

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test?: string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string; required?: boolean }>;
  deploy?: { replicas?: number };
  profiles?: string[];
  stop_grace_period?: string;
  restart?: string;
  volumes?: string[];
  ports?: string[];
  expose?: string[];
}

const compose = parse(src('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const services = compose.services;

/** Compose's ${VAR}, ${VAR:-default} interpolation. */
function interpolate(env: Record<string, string> | undefined, vars: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env ?? {}).map(([k, v]) => [
      k,
      String(v).replace(/\$\{(\w+)(?::-([^}]*))?\}/g, (_, name: string, def?: string) => vars[name] || def || ''),
    ]),
  );
}

const seconds = (d: string | undefined) => Number(/^(\d+)s$/.exec(d ?? '')?.[1] ?? Number.NaN);

function readEnvFile(path: string): Record<string, string> {
  return Object.fromEntries(
    src(path)
      .split('\n')
      .filter((l) => /^\w+=/.test(l))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('docker-compose.yml (scale-out on one host)', () => {
  it('runs Postgres 16 and Redis 7 (noeviction, appendonly) with healthchecks', () => {
    expect(services.postgres?.image).toMatch(/^postgres:16(\b|$)/);
    expect(services.postgres?.healthcheck?.test?.join(' ')).toContain('pg_isready');
    expect(services.redis?.image).toMatch(/^redis:7(\b|$)/);
    const cmd = services.redis?.command ?? [];
    expect(cmd[cmd.indexOf('--maxmemory-policy') + 1]).toBe('noeviction');
    expect(cmd[cmd.indexOf('--appendonly') + 1]).toBe('yes');
    expect(services.redis?.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('migrates once, with the same command as the Kubernetes Job, after Postgres is healthy', () => {
    expect(services.migrate?.build).toBe('.');
    expect(services.migrate?.command).toEqual(MIGRATE_COMMAND);
    expect(services.migrate?.restart ?? 'no').toBe('no');
    expect(services.migrate?.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  it('starts the api and two workers after the migration, with the image healthcheck and drain-length stop grace', () => {
    for (const name of ['api', 'worker']) {
      expect(services[name]?.build, name).toBe('.');
      expect(services[name]?.image, name).toBe(services.migrate?.image);
      expect(services[name]?.depends_on, name).toEqual({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
        migrate: { condition: 'service_completed_successfully' },
        // Only with --profile demo: a plain `docker compose up` skips it.
        'llm-stub': { condition: 'service_healthy', required: false },
      });
      // The Dockerfile's role-aware check (infra/docker/healthcheck.mjs), spelled out.
      expect(services[name]?.healthcheck?.test, name).toEqual(['CMD', ...(DOCKER_HEALTHCHECK ?? ['missing'])]);
    }
    expect(services.api?.environment?.ROLE).toBe('api');
    expect(services.worker?.environment?.ROLE).toBe('worker');
    expect(services.worker?.deploy?.replicas).toBe(2);
    // Replicas cannot share a host port: the worker's health server stays inside the network.
    expect(services.worker?.ports).toBeUndefined();
    expect(services.worker?.expose).toEqual([String(EnvSchema.parse({}).WORKER_METRICS_PORT)]);
    expect(seconds(services.api?.stop_grace_period)).toBeGreaterThan(APP_GRACE_S);
    expect(seconds(services.worker?.stop_grace_period)).toBeGreaterThan(workerDrainS(interpolate(services.worker?.environment, {})));
  });

  it('gives every long-running service a healthcheck, and waits only on conditions that can be met', () => {
    for (const [name, svc] of Object.entries(services)) {
      if (name === 'migrate') continue;
      expect(svc.healthcheck?.disable, name).toBeUndefined();
      expect(svc.healthcheck?.test?.[0], name).toMatch(/^CMD(-SHELL)?$/);
    }
    for (const [name, svc] of Object.entries(services)) {
      for (const [dep, { condition }] of Object.entries(svc.depends_on ?? {})) {
        expect(services[dep], `${name} -> ${dep}`).toBeDefined();
        if (condition === 'service_healthy') expect(services[dep]?.healthcheck?.test, `${name} -> ${dep}`).toBeDefined();
        else expect([condition, dep], name).toEqual(['service_completed_successfully', 'migrate']);
      }
    }
  });

  it('passes only EnvSchema variables, which configure scale-out, with the LLM off by default', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = interpolate(services[name]?.environment, {});
      for (const k of Object.keys(env)) expect(ENV_NAMES, `${name}: ${k}`).toContain(k);
      const cfg = loadConfig(env);
      expect([cfg.profile, cfg.grader]).toEqual(['scale-out', 'offline']);
    }
  });

  it('has the llm-stub only under the `demo` profile, and demo.env points api and worker at it', () => {
    const stub = services['llm-stub'];
    expect(stub?.profiles).toEqual(['demo']);
    for (const name of Object.keys(services)) if (name !== 'llm-stub') expect(services[name]?.profiles, name).toBeUndefined();
    expect(stub?.command).toEqual(['node', '/stub/server.mjs']);
    expect(stub?.volumes).toEqual(['./infra/llm-stub:/stub:ro']);
    expect(stub?.healthcheck?.test?.[0]).toBe('CMD');
    const demo = readEnvFile('infra/llm-stub/demo.env');
    expect(demo.COMPOSE_PROFILES).toBe('demo');
    const base = new URL(demo.LLM_BASE_URL ?? '');
    expect([base.hostname, base.port, base.pathname]).toEqual(['llm-stub', stub?.environment?.PORT, '/v1']);
    for (const name of ['api', 'worker']) {
      const cfg = loadConfig(interpolate(services[name]?.environment, demo));
      expect([cfg.grader, cfg.transcription, cfg.env.LLM_BASE_URL]).toEqual(['llm', 'service', demo.LLM_BASE_URL]);
    }
  });
});

describe('infra/llm-stub/server.mjs against the real LLM grader and transcriber', () => {
  let child: ChildProcess;
  let baseUrl = '';

  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'infra/llm-stub/server.mjs')], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    baseUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const m = /listening on (http:\/\/\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`llm-stub exited with ${code}`)));
      setTimeout(() => reject(new Error('llm-stub did not start')), 10_000);
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  const env = () => EnvSchema.parse({ LLM_BASE_URL: `${baseUrl}/v1`, LLM_MODEL: 'llm-stub', LLM_TIMEOUT_MS: '10000' });

  it('grades a bank question: one criterion per rubric key, verified evidence, a total', async () => {
    const bank = await loadBank();
    const q = bank.questions[0]!;
    const answer = 'A readiness probe gates traffic to the pod. A liveness probe restarts a wedged container.';
    const result = await createGrader(env()).grade({ question: q, rubric: q.rubric, answer });
    expect(result.grader).toBe('llm');
    expect(result.model).toBe('llm-stub');
    expect(result.criteria.map((c) => c.key)).toEqual(q.rubric.criteria.map((c) => c.key));
    for (const c of result.criteria) {
      expect(c.score).toBe(2);
      expect(c.evidence.map((e) => e.quote)).toEqual(['A readiness probe gates traffic to the pod.']);
    }
    expect(result.flags).not.toContain('unverified_evidence');
    expect(result.total).toBe(50);
  });

  it('answers transcriptions with its fixed text', async () => {
    const transcriber = createTranscriber(env());
    expect(await transcriber?.transcribe({ audio: Buffer.from('not really audio'), mime: 'audio/webm' })).toMatch(/demo LLM stub/);
  });

  it('falls back to no criteria for a prompt it does not recognise, and 404s unknown routes', async () => {
    const res = await fetch(`${baseUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'x',
        messages: [
          { role: 'system', content: 'Say hello.' },
          { role: 'user', content: 'hi' },
        ],
      }),
    });
    const body = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    expect(JSON.parse(body.choices[0]!.message.content)).toMatchObject({ criteria: [], strengths: [] });
    expect((await fetch(`${baseUrl}/v1/embeddings`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${baseUrl}/healthz`)).status).toBe(200);
  });
});
