// Entry point of `pnpm grade-batch`: the composition root, and the only place that reads process.env.
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2), process.env, { stdout: process.stdout, stderr: process.stderr });
