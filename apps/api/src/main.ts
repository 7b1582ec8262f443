import { ConfigError, loadConfig } from '@interview/config';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
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

const log = pino({ level: config.env.LOG_LEVEL });
const running = await start(config, log);

// SIGINT/SIGTERM: /readyz turns 503, the server stops accepting, workers finish in-flight jobs.
closeWithGrace({ delay: 60_000 }, async ({ signal, err }) => {
  if (err) log.error({ err }, 'fatal error, shutting down');
  else log.info({ signal }, 'shutting down gracefully');
  await running.stop();
});
