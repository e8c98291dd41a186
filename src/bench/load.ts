import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import { type Task, taskSchema } from './task.js';

/**
 * Suites that are a part of another: `work` is the work packs of the core suite, `personal` its
 * errands on the six personal apps. `core` itself is both (every `.json` under `tasks/core/`).
 */
export const SUITE_PARTS: Readonly<Record<string, string>> = {
  work: 'core/work',
  personal: 'core/personal',
};

/** Every `.json` file under a folder, its subfolders included, by path relative to it. */
function taskFiles(folder: string): string[] {
  return (readdirSync(folder, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.json'))
    .map((f) => relative(folder, join(folder, f)))
    .sort();
}

function suitesIn(dir: string): string[] {
  try {
    return [
      ...readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name),
      ...Object.keys(SUITE_PARTS),
    ].sort();
  } catch {
    return [];
  }
}

/**
 * Reads every task of a suite (`tasks/<suite>/**.json`; `work` and `personal` are parts of `core`),
 * failing with the file's name on a bad one.
 */
export function loadSuite(dir: string, suite: string): Task[] {
  const own = join(dir, suite);
  let folder = own;
  let files: string[];
  try {
    files = taskFiles(own);
  } catch {
    const part = SUITE_PARTS[suite];
    try {
      if (!part) throw new Error('no part');
      folder = join(dir, part);
      files = taskFiles(folder);
    } catch {
      const suites = suitesIn(dir);
      throw new ErrandError(
        'NOT_FOUND',
        `No suite "${suite}": ${own} does not exist.${suites.length ? ` The suites in ${dir} are ${suites.join(', ')}.` : ''}`,
      );
    }
  }
  const tasks = files.map((file) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (err) {
      throw new ErrandError(
        'CONFIG_INVALID',
        `${suite}/${file} is not valid JSON: ${(err as Error).message}`,
      );
    }
    const parsed = taskSchema.safeParse(raw);
    if (!parsed.success)
      throw new ErrandError(
        'CONFIG_INVALID',
        `${suite}/${file} is not a valid task: ${formatZodError(parsed.error, taskSchema)}`,
      );
    return parsed.data;
  });
  const ids = new Set<string>();
  for (const t of tasks) {
    if (ids.has(t.id)) throw new ErrandError('CONFIG_INVALID', `Two tasks in ${suite} have the id ${t.id}.`);
    ids.add(t.id);
  }
  return tasks;
}
