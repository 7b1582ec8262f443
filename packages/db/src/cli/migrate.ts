import { connectDatabase } from '../connect';

// `pnpm db:migrate`: migrates DATABASE_URL, or the embedded database under DATA_DIR when unset.
// A CLI entry point is a composition root, so it reads the two variables it needs here.
const databaseUrl = process.env.DATABASE_URL || undefined;
const db = await connectDatabase({ databaseUrl, dataDir: process.env.DATA_DIR || './.data', poolMax: 1 });
await db.close();
console.log(`migrations applied to ${databaseUrl ? 'DATABASE_URL' : 'the embedded database'}`);
