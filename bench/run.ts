// `pnpm bench <name> [--quick]`: runs bench/<name>.ts.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const name = process.argv[2];
const file = name ? fileURLToPath(new URL(`./${name}.ts`, import.meta.url)) : '';
if (!name || !existsSync(file)) {
  console.error('usage: pnpm bench <name> [--quick]   (see bench/README.md)');
  process.exit(2);
}
process.argv.splice(2, 1);
await import(file);
