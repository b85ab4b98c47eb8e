/**
 * Money is 万元 with at most two decimals, exchanged as decimal strings and summed exactly (integer
 * cents in BigInt), never through floating point.
 */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;

export function isMoney(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

export function toCents(value: string): bigint {
  if (!/^-?\d+(\.\d{1,2})?$/.test(value)) throw new RangeError(`not a money amount: ${value}`);
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.') as [string, string?];
  const cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const text = `${absolute / 100n}.${String(absolute % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** Exact sum of decimal strings, written with two decimals. */
export function sumMoney(values: Iterable<string>): string {
  let total = 0n;
  for (const value of values) total += toCents(value);
  return fromCents(total);
}

/** Normalise to two decimals ("12" → "12.00"). */
export function normaliseMoney(value: string): string {
  return fromCents(toCents(value));
}
