import { InvalidArgumentError } from 'commander';

/** Parses an integer command-line option, with a clear error otherwise. */
export function intOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`"${value}" is not a whole number.`);
  return n;
}
