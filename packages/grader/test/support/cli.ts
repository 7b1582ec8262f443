import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the CLI runs from here, as `pnpm grade-batch` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const CLI = 'packages/grader/src/batch/cli.ts';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for the child without any LLM_* variables from the developer's shell. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('LLM_') && v !== undefined) env[k] = v;
  return { ...env, ...extra };
}

/**
 * Runs `node --import tsx packages/grader/src/batch/cli.ts …` as a child process. Asynchronous on
 * purpose: a loopback server in the test process must keep answering while the child runs.
 */
export function runCliProcess(args: string[], env: NodeJS.ProcessEnv = cleanEnv()): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
