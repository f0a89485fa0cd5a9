#!/usr/bin/env node
// The compiled CLI in dist/, which `npm run build` writes (and `npm install` runs it through `prepare`).
let main;
try {
  ({ main } = await import('../dist/cli/main.js'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.message).includes('dist/cli/main.js')) throw error;
  process.stderr.write('vigie: the compiled code (dist/) is missing: run `npm run build` in the Vigie folder.\n');
  process.exit(1);
}
process.exitCode = await main(process.argv.slice(2));
