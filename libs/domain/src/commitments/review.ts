import { ValidationFailed } from '../errors';
import { isMoney, normaliseMoney, toCents } from '../projects/money';
import { add, compare, div, exact, formatExact } from './exact';
import type { ReviewDecision } from './commitment-lists';

export interface DecidedReview {
  decision: ReviewDecision;
  /** The clawback decided, 万元. */
  amount: string;
  reason: string | null;
}

/**
 * The bureau's decision on a review (达产复核): `accept` takes the recommended clawback; `reduce` a
 * smaller amount (≥ 0, below the recommendation) with a reason; `waive` nothing, with a reason.
 */
export function decideReview(
  decision: ReviewDecision,
  amount: string | null | undefined,
  reason: string | null | undefined,
  recommended: string,
): DecidedReview {
  const trimmed = reason?.trim() || null;
  if (decision === 'accept') {
    if (amount != null && (!isMoney(amount) || toCents(amount) !== toCents(recommended)))
      throw new ValidationFailed('amount', 'review_amount_accept', { params: { recommended } });
    return { decision, amount: recommended, reason: trimmed };
  }
  if (!trimmed)
    throw new ValidationFailed('reason', 'reason_required', {
      params: { purpose: '减额或免于追缴须说明理由', purposeEn: 'to reduce or waive a clawback' },
    });
  if (decision === 'waive') {
    if (amount != null && (!isMoney(amount) || toCents(amount) !== 0n))
      throw new ValidationFailed('amount', 'review_amount_waive');
    return { decision, amount: '0.00', reason: trimmed };
  }
  if (amount == null || !isMoney(amount))
    throw new ValidationFailed('amount', 'field_not_money', {
      params: { rule: 'must be a decimal amount ≥ 0' },
    });
  if (toCents(amount) >= toCents(recommended))
    throw new ValidationFailed('amount', 'review_amount_not_below', { params: { recommended } });
  return { decision, amount: normaliseMoney(amount), reason: trimmed };
}

/** The median of decimal strings, exact, written with four decimals (half up); null for none. */
export function medianDecimal(values: readonly string[]): string | null {
  if (!values.length) return null;
  const sorted = values.map((v) => exact(v)).sort(compare);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : div(add(sorted[mid - 1]!, sorted[mid]!), exact(2));
  return formatExact(median, 4);
}
