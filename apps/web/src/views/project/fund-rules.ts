import type { FundEntry } from '../../api/projects';
import { fromCents, toCents } from '@luodi/domain';
import { AMOUNT_PATTERN } from '../../utils/money';

/**
 * The funds total an entry of `amount` would make (exact, in cents), replacing the entry `replaced`
 * (a correction) when given; null while the amount is not a valid amount yet.
 */
export function totalAfter(
  arrived: string,
  amount: string,
  replaced?: Pick<FundEntry, 'amount'>,
): string | null {
  const typed = amount.trim();
  if (!AMOUNT_PATTERN.test(typed)) return null;
  return fromCents(toCents(arrived) + toCents(typed) - (replaced ? toCents(replaced.amount) : 0n));
}

/** Whether a total is above the contract amount (such an entry asks for confirmation). */
export function aboveContract(total: string | null, contractAmount: string): boolean {
  return total !== null && toCents(total) > toCents(contractAmount);
}

/** What a row of the funds table is: an entry, a reversed entry, a reversal or a correction. */
export type FundRowKind = 'entry' | 'reversed' | 'reversal' | 'correction';

export function fundRowKind(entry: FundEntry): FundRowKind {
  if (entry.reversesId) return 'reversal';
  if (entry.reversedBy) return 'reversed';
  if (entry.correctsId) return 'correction';
  return 'entry';
}

/** Reversal and correction are offered on entries that count (not reversals, not already reversed). */
export const isCorrectable = (entry: FundEntry): boolean => !entry.reversesId && !entry.reversedBy;
