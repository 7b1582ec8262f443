import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EnvSchema, loadConfig } from '@interview/config';
import { GRACE_MS, shutdownGraceMs } from '../../apps/api/src/boot/grace';

/** Facts taken from the code, which the deployment files (k8s, compose, Dockerfile, docs) must agree with. */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const src = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** Every variable the app reads (packages/config/src/env.ts). */
export const ENV_NAMES = new Set(Object.keys(EnvSchema.shape));

/** apps/api/src/main.ts forces exit this long after SIGTERM (boot/grace.ts): the api's drain. */
export const APP_GRACE_S = GRACE_MS / 1000;

/** A worker's drain with the given env: one full model call (LLM_TIMEOUT_MS) plus a margin. */
export const workerDrainS = (env: Record<string, string | undefined>) => shutdownGraceMs(loadConfig({ ...env, ROLE: 'worker' }).env) / 1000;

export const MIGRATE_COMMAND = ['node', '--import', 'tsx', 'packages/db/src/cli/migrate.ts'];

/** The image's HEALTHCHECK command, an exec-form JSON array. */
export const DOCKER_HEALTHCHECK = JSON.parse(/^HEALTHCHECK .*?CMD (\[.+\])\s*$/m.exec(src('Dockerfile'))?.[1] ?? 'null') as string[] | null;
