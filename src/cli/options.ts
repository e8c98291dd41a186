import { InvalidArgumentError } from 'commander';

/** Parses an integer command-line option, with a clear error otherwise. */
export function intOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}

/** Parses a positive number of seconds, such as 90 or 2.5. */
export function secondsOption(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError(`"${value}" is not a number of seconds.`);
  return n;
}

/**
 * A list option that cannot swallow the request: each use takes one value, which may hold several
 * separated by commas, and the option may repeat (`--allow-app food,pay --allow-app chat`).
 */
export function listOption(value: string, previous: string[] | undefined): string[] {
  const items = value
    .split(/[,，]/)
    .map((v) => v.trim())
    .filter(Boolean);
  return [...(previous ?? []), ...items];
}

/** A repeatable option whose values are kept whole (file names may hold commas). */
export function repeatOption(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
