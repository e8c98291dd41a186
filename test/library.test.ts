import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * errand as a library, used the way a person's program uses it: the package is built into a temporary
 * project's node_modules (package.json, bin and a fresh dist; its dependencies beside it), and the
 * README's example is run from that project by `import … from 'errand'` and type-checked against the
 * built types. What the README says it prints is what it prints.
 */
const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const example = /<!-- library-example -->\n```js\n([\s\S]*?)```\n<!-- \/library-example -->/.exec(
  readme,
)?.[1];
const printed = /<!-- \/library-example -->\n\nIt prints:\n\n```\n([\s\S]*?)```/.exec(readme)?.[1];

let project: string;

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), 'errand-library-'));
  const pkg = join(project, 'node_modules', 'errand');
  mkdirSync(join(pkg, 'bin'), { recursive: true });
  copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  copyFileSync(join(root, 'bin', 'errand.js'), join(pkg, 'bin', 'errand.js'));
  symlinkSync(join(root, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  await run(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', join(pkg, 'dist')]);
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'my-app', private: true, type: 'module', dependencies: { errand: '0.1.0' } }),
  );
  const checkJs = (file: string) => ({
    compilerOptions: {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      allowJs: true,
      checkJs: true,
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    files: [file],
  });
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify(checkJs('example.mjs')));
  writeFileSync(join(project, 'tsconfig.bad.json'), JSON.stringify(checkJs('bad.mjs')));
}, 240_000);

describe("the README's library example", () => {
  it('is in the README, with what it prints', () => {
    expect(example).toContain("from 'errand'");
    expect(printed).toBeDefined();
  });

  it('runs from a project that depends on errand, and prints what the README says', {
    timeout: 120_000,
  }, async () => {
    writeFileSync(join(project, 'example.mjs'), example!);
    const { stdout } = await run(process.execPath, ['example.mjs'], {
      cwd: project,
      env: { ...process.env, ERRAND_MODEL: '' },
    });
    expect(stdout).toBe(printed);
  });

  it('type-checks against the built types, which catch a misspelt option', { timeout: 120_000 }, async () => {
    writeFileSync(join(project, 'example.mjs'), example!);
    await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: project });
    writeFileSync(join(project, 'bad.mjs'), example!.replace('  request: ', '  reqest: '));
    const bad = await run(process.execPath, [tsc, '-p', 'tsconfig.bad.json'], { cwd: project }).catch(
      (err: { stdout: string }) => err,
    );
    expect(bad.stdout).toMatch(/'reqest' does not exist in type 'RequestOptions'/);
  });
});
