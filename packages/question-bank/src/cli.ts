import { loadBank } from './load';

const [command = 'help', ...rest] = process.argv.slice(2);

async function validate(path?: string) {
  const bank = await loadBank(path);
  for (const issue of bank.issues) console.error(`✗ ${issue.file}: ${issue.message}`);
  console.log(`${bank.questions.length} questions, ${bank.templates.length} templates, ${bank.issues.length} problems`);
  return bank.issues.length === 0 ? 0 : 1;
}

async function list(path?: string) {
  const bank = await loadBank(path);
  console.log(JSON.stringify(bank.questions, null, 2));
  return bank.issues.length === 0 ? 0 : 1;
}

const commands: Record<string, (args: string[]) => Promise<number>> = {
  validate: (args) => validate(args[0]),
  list: (args) => list(args.find((a) => !a.startsWith('--'))),
};

const run = commands[command];
if (!run) {
  console.log('usage: pnpm bank <validate [path] | list --json [path]>');
  process.exitCode = command === 'help' ? 0 : 2;
} else {
  process.exitCode = await run(rest);
}
