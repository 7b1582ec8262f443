import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoLogin } from './seed';

/** Prints the first-run demo logins and keeps a copy in the data folder for later runs. */
export async function announceDemoLogins(logins: DemoLogin[], opts: { url: string; dataDir: string | null }) {
  if (logins.length === 0) return;
  const lines = [
    `Demo organisation created. Sign in at ${opts.url} with:`,
    ...logins.map((l) => `  ${l.role.padEnd(9)} ${l.email.padEnd(22)} ${l.password}`),
  ];
  if (opts.dataDir) {
    const file = join(opts.dataDir, 'demo-logins.txt');
    await writeFile(file, `${lines.join('\n')}\n`, { mode: 0o600 });
    lines.push(`(saved to ${file})`);
  }
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
