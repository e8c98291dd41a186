#!/usr/bin/env node
// The installed entry point: runs the compiled CLI (built by `npm install` through `prepare`).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// In a checkout (src/ beside dist/), code pulled or edited since the last build would silently run
// the old compiled code: say so once, on stderr, instead.
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
if (existsSync(join(root, 'src')) && existsSync(built)) {
  const builtAt = statSync(built).mtimeMs;
  const newer = (dir) =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory()
        ? newer(join(dir, e.name))
        : e.name.endsWith('.ts') &&
          !e.name.endsWith('.test.ts') &&
          statSync(join(dir, e.name)).mtimeMs > builtAt,
    );
  if (newer(join(root, 'src')))
    process.stderr.write(
      'errand: src/ changed since the last build, so this runs older code: run `npm run build`.\n',
    );
}

const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
