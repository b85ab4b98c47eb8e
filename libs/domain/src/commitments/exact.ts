/**
 * Exact rational arithmetic on decimal strings (BigInt numerator/denominator), for the commitment
 * figures that divide (per-mu values) and multiply (clawback ratios): the result is rounded once,
 * when written. Money stays in libs/domain/src/projects/money.ts (cents); this is its companion for
 * quotients.
 */
export interface Exact {
  readonly n: bigint;
  /** > 0. */
  readonly d: bigint;
}

export const ZERO: Exact = { n: 0n, d: 1n };

export function exact(value: string | number | bigint): Exact {
  if (typeof value === 'bigint') return { n: value, d: 1n };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new RangeError(`not an integer: ${value}`);
    return { n: BigInt(value), d: 1n };
  }
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw new RangeError(`not a decimal: ${value}`);
  const fraction = match[3] ?? '';
  const n = BigInt(match[2] + fraction) * (match[1] ? -1n : 1n);
  return reduce(n, 10n ** BigInt(fraction.length));
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x || 1n;
}

function reduce(n: bigint, d: bigint): Exact {
  if (d === 0n) throw new RangeError('division by zero');
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

export const add = (a: Exact, b: Exact): Exact => reduce(a.n * b.d + b.n * a.d, a.d * b.d);
export const sub = (a: Exact, b: Exact): Exact => reduce(a.n * b.d - b.n * a.d, a.d * b.d);
export const mul = (a: Exact, b: Exact): Exact => reduce(a.n * b.n, a.d * b.d);
export const div = (a: Exact, b: Exact): Exact => reduce(a.n * b.d, a.d * b.n);
/** −1, 0 or 1. */
export function compare(a: Exact, b: Exact): number {
  const left = a.n * b.d;
  const right = b.n * a.d;
  return left < right ? -1 : left > right ? 1 : 0;
}
export const minExact = (a: Exact, b: Exact): Exact => (compare(a, b) <= 0 ? a : b);
export const maxExact = (a: Exact, b: Exact): Exact => (compare(a, b) >= 0 ? a : b);

export type Rounding = 'half_up' | 'floor' | 'ceil';

/** Written with exactly `decimals` decimals (half away from zero, or toward −∞ / +∞). */
export function formatExact(value: Exact, decimals: number, rounding: Rounding = 'half_up'): string {
  const scale = 10n ** BigInt(decimals);
  const scaled = value.n * scale;
  let q = scaled / value.d;
  const r = scaled % value.d;
  if (r !== 0n) {
    const negative = scaled < 0n;
    if (rounding === 'floor' && negative) q -= 1n;
    else if (rounding === 'ceil' && !negative) q += 1n;
    else if (rounding === 'half_up' && 2n * (r < 0n ? -r : r) >= value.d) q += negative ? -1n : 1n;
  }
  const negative = q < 0n;
  const digits = (negative ? -q : q).toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const text = decimals ? `${whole}.${digits.slice(digits.length - decimals)}` : whole;
  return negative ? `-${text}` : text;
}

/** A JS number for a rate or a progress (never for money). */
export function toRateNumber(value: Exact): number {
  return Number((value.n * 1_000_000_000n) / value.d) / 1_000_000_000;
}
