import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ErrandError } from '../errors.js';
import { formatZodError } from '../validation.js';
import { type Task, taskSchema } from './task.js';

/** Reads every task of a suite (`tasks/<suite>/*.json`), failing with the file's name on a bad one. */
export function loadSuite(dir: string, suite: string): Task[] {
  const folder = join(dir, suite);
  let files: string[];
  try {
    files = readdirSync(folder)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    let suites: string[] = [];
    try {
      suites = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
        .sort();
    } catch {
      suites = [];
    }
    throw new ErrandError(
      'NOT_FOUND',
      `No suite "${suite}": ${folder} does not exist.${suites.length ? ` The suites in ${dir} are ${suites.join(', ')}.` : ''}`,
    );
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
