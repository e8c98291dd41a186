import { z } from 'zod';

/** The currency every sandbox app uses. */
export const CURRENCY = 'CNY';

/** Money as the apps return it: integer fen, a currency, and the text a person sees. */
export interface Money {
  amount: number;
  currency: typeof CURRENCY;
  display: string;
}

/** Schema of an amount argument: integer fen, never a float. */
export const fenSchema = z
  .number()
  .int('Amounts are whole fen (1 yuan = 100 fen).')
  .nonnegative()
  .max(100_000_000)
  .describe('Amount in fen (integer minor units; 1 yuan = 100 fen), currency CNY.');

/** Zod schema of a Money value in tool outputs. */
export const moneySchema = z.object({
  amount: z.number().int().describe('Amount in fen.'),
  currency: z.literal(CURRENCY).describe('Currency code.'),
  display: z.string().describe('The amount as a person reads it, e.g. ¥38.50.'),
});

/** Formats fen as a person reads it: 3850 → "¥38.50". */
export function formatFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Wraps integer fen as a Money value. */
export function money(fen: number): Money {
  if (!Number.isInteger(fen)) throw new Error(`Money must be integer fen, got ${fen}`);
  return { amount: fen, currency: CURRENCY, display: formatFen(fen) };
}
