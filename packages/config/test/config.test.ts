import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/index';

describe('loadConfig', () => {
  it('defaults to the embedded profile with the offline grader', () => {
    const c = loadConfig({});
    expect(c.profile).toBe('embedded');
    expect(c.queueBackend).toBe('postgres');
    expect(c.grader).toBe('offline');
    expect(c.env.PORT).toBe(3000);
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it('selects postgres with DATABASE_URL and scale-out with REDIS_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db/x' }).profile).toBe('postgres');
    const scale = loadConfig({ DATABASE_URL: 'postgres://u@db/x', REDIS_URL: 'redis://cache:6379' });
    expect(scale.profile).toBe('scale-out');
    expect(scale.queueBackend).toBe('redis');
  });

  it('turns on LLM grading when a model is configured', () => {
    expect(loadConfig({ LLM_BASE_URL: 'http://localhost:11434/v1', LLM_MODEL: 'llama3' }).grader).toBe('llm');
  });

  it.each([
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ REDIS_URL: 'redis://x:6379' }, /REDIS_URL needs DATABASE_URL/],
    [{ ROLE: 'worker' }, /ROLE=worker needs DATABASE_URL/],
    [{ ROLE: 'janitor' }, /ROLE/],
    [{ LLM_BASE_URL: 'http://x/v1' }, /LLM_MODEL is required/],
    [{ WORKER_CONCURRENCY: '0' }, /WORKER_CONCURRENCY/],
    [{ WORKER_METRICS_PORT: '70000' }, /WORKER_METRICS_PORT/],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }, /OTEL_EXPORTER_OTLP_ENDPOINT/],
    [{ SESSION_SECRET: 'too-short' }, /SESSION_SECRET must be at least 32 characters/],
  ])('rejects bad env %j with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('serves worker health on 9464 unless told otherwise, and counts empty deployment settings as unset', () => {
    expect(loadConfig({}).env.WORKER_METRICS_PORT).toBe(9464);
    expect(loadConfig({ WORKER_METRICS_PORT: '0' }).env.WORKER_METRICS_PORT).toBe(0);
    // Compose passes `${VAR:-}` through: an empty value must mean "not set", not "invalid".
    const env = loadConfig({ SESSION_SECRET: '', OTEL_EXPORTER_OTLP_ENDPOINT: '' }).env;
    expect([env.SESSION_SECRET, env.OTEL_EXPORTER_OTLP_ENDPOINT]).toEqual([undefined, undefined]);
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toMatch(/PORT[\s\S]*LOG_LEVEL|LOG_LEVEL[\s\S]*PORT/);
    }
  });
});
