import { ConfigError, loadConfig } from '@interview/config';
import pino from 'pino';
import { shutdownGraceMs } from './boot/grace';
import { start } from './boot/start';

// Composition root: the only place that reads process.env.
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// Readable logs on a terminal, JSON lines everywhere else (containers, CI).
const pretty = process.stdout.isTTY && config.env.NODE_ENV !== 'production';
const log = pino({
  level: config.env.LOG_LEVEL,
  transport: pretty ? { target: 'pino-pretty', options: { ignore: 'pid,hostname' } } : undefined,
});
const running = await start(config, log);

// SIGINT/SIGTERM: /readyz turns 503, the server stops accepting, workers finish in-flight jobs,
// then the databases close. A second signal, or a drain longer than the grace period, forces exit.
const graceMs = shutdownGraceMs(config.env);
let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) {
    log.warn({ signal }, 'second signal: exiting without waiting');
    process.exit(1);
  }
  stopping = true;
  log.info({ signal }, 'shutting down gracefully');
  setTimeout(() => {
    log.error({ graceMs }, 'graceful shutdown timed out');
    process.exit(1);
  }, graceMs).unref();
  try {
    await running.stop();
    log.info('stopped cleanly');
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'error during shutdown');
    process.exit(1);
  }
}
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
