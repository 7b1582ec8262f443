import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

export interface LlmStats {
  requests: number;
  ok: number;
  429: number;
  500: number;
  timeout: number;
  garbage: number;
}

export interface LlmProcess {
  baseURL: string;
  /** The env that points the product's LLM grader at this server. */
  env: Record<string, string>;
  stats(): Promise<LlmStats>;
  close(): Promise<void>;
}

/** Starts bench/support/llm-server.ts (the scripted provider) as its own process. */
export async function startLlm(opts: { latencyMs: number; faultRate?: number; seed?: number }): Promise<LlmProcess> {
  const child: ChildProcess = fork(fileURLToPath(new URL('./llm-server.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      LLM_LATENCY_MS: String(opts.latencyMs),
      LLM_FAULT_RATE: String(opts.faultRate ?? 0),
      LLM_SEED: String(opts.seed ?? 1),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const [msg] = (await Promise.race([
    once(child, 'message'),
    once(child, 'exit').then(([code]) => {
      throw new Error(`scripted LLM process exited with ${code}`);
    }),
  ])) as [{ type: string; baseURL: string }];
  const baseURL = msg.baseURL;
  return {
    baseURL,
    env: { LLM_BASE_URL: baseURL, LLM_MODEL: 'scripted-model', LLM_API_KEY: 'bench-key' },
    async stats() {
      const reply = once(child, 'message') as Promise<[{ type: string; stats: LlmStats }]>;
      child.send({ type: 'stats' });
      return (await reply)[0].stats;
    },
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}
