// Runs every *.test.ts under tests/ (benchmarks excluded) with Node's built-in runner and tsx.
// Node 20's `--test` does not expand globs itself, hence this small launcher.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Lists test files below `dir`, skipping benchmarks, sorted for a stable order. */
function findTests(dir) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'bench' && name !== 'helpers') found.push(...findTests(path));
    } else if (name.endsWith('.test.ts')) {
      found.push(path);
    }
  }
  return found.sort();
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : findTests('tests');
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-timeout=180000', ...files], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
