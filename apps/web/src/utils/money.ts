/**
 * Display of money (万元 decimal strings such as "12500.50") and rates. Amounts are never turned into
 * floats: digits are grouped as text, and 亿元 are computed in integer cents (BigInt).
 */
const MONEY_TEXT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

const EMPTY = '—';

/** An amount as a form accepts it: 万元 with at most two decimals (the API's rule). */
export const AMOUNT_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

function parse(value: string | null | undefined): { negative: boolean; cents: bigint } | null {
  if (value === null || value === undefined) return null;
  const match = MONEY_TEXT.exec(String(value).trim());
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const cents = BigInt(whole!) * 100n + BigInt((fraction + '00').slice(0, 2));
  return { negative: sign === '-' && cents !== 0n, cents };
}

/** "1234567" → "1,234,567" (digits only). */
export function groupDigits(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function withDecimals(negative: boolean, cents: bigint, decimals: 0 | 2): string {
  const whole = groupDigits(String(cents / 100n));
  const text = decimals === 0 ? whole : `${whole}.${String(cents % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** A 万元 amount with thousands separators and two decimals: "12500.5" → "12,500.50"; bad input → "—". */
export function formatWan(value: string | null | undefined): string {
  const parsed = parse(value);
  return parsed ? withDecimals(parsed.negative, parsed.cents, 2) : EMPTY;
}

/**
 * The same amount in 亿元 (1 亿元 = 10000 万元), rounded half up to `decimals` places:
 * "320000.00" → "32.00"; "12345.67" → "1.23".
 */
export function formatYi(value: string | null | undefined, decimals = 2): string {
  const parsed = parse(value);
  if (!parsed) return EMPTY;
  // cents of 万元 → units of 10^-decimals 亿元: divide by 10^(6 - decimals), rounding half up.
  const divisor = 10n ** BigInt(6 - decimals);
  const scaled = (parsed.cents + divisor / 2n) / divisor;
  const unit = 10n ** BigInt(decimals);
  const whole = groupDigits(String(scaled / unit));
  const text = decimals > 0 ? `${whole}.${String(scaled % unit).padStart(decimals, '0')}` : whole;
  return parsed.negative && scaled !== 0n ? `-${text}` : text;
}

/** Whether an amount is at least 1 亿元 (10000 万元), where 亿元 reads better. */
export function isYiScale(value: string | null | undefined): boolean {
  const parsed = parse(value);
  return parsed !== null && parsed.cents >= 1_000_000n;
}

/** The ratio of two amounts (0–1), for a progress bar only (display, not arithmetic on money). */
export function moneyRatio(part: string | null | undefined, whole: string | null | undefined): number | null {
  const a = parse(part);
  const b = parse(whole);
  if (!a || !b || b.cents === 0n) return null;
  // Basis points in integers, then one division to a number.
  return Number((a.cents * 10_000n) / b.cents) / 10_000;
}

/** A rate 0–1 as a percentage with one decimal: 0.375 → "37.5%"; null → "—". */
export function formatPercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return EMPTY;
  // Round in tenths of a percent on an integer to avoid 0.1 + 0.2 style artefacts.
  const tenths = Math.round(rate * 1000);
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}

/** A rate 0–1 as a 0–100 number for el-progress (clamped), one decimal. */
export function percentValue(rate: number | null | undefined): number {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return 0;
  return Math.min(100, Math.max(0, Math.round(rate * 1000) / 10));
}
