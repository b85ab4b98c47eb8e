import type { ReviewDecision, ReviewDecisionInput } from '../../../api/commitments';
import { toCents } from '@luodi/domain';

export interface DecisionForm {
  decision: ReviewDecision;
  amount: string;
  reason: string;
}

const AMOUNT = /^\d{1,12}(\.\d{1,2})?$/;

/** The clawback the decision records: the recommendation, the reduced amount, or 0 when waived. */
export function decidedAmount(form: DecisionForm, recommended: string): string {
  if (form.decision === 'accept') return recommended;
  if (form.decision === 'waive') return '0.00';
  return form.amount.trim();
}

/**
 * What is wrong with a decision (the field and a message key), or null: reduce needs an amount below
 * the recommendation and a reason; waive needs a reason.
 */
export function decisionProblem(
  form: DecisionForm,
  recommended: string,
): { field: 'amount' | 'reason'; message: string } | null {
  if (form.decision === 'reduce') {
    const amount = form.amount.trim();
    if (!AMOUNT.test(amount)) return { field: 'amount', message: 'commitments.rules.amount' };
    if (toCents(amount) >= toCents(recommended))
      return { field: 'amount', message: 'commitments.rules.decidedAmount' };
  }
  if (form.decision !== 'accept' && (!form.reason.trim() || form.reason.trim().length > 500))
    return { field: 'reason', message: 'commitments.rules.reason' };
  return null;
}

export function decisionBody(form: DecisionForm): ReviewDecisionInput {
  const body: ReviewDecisionInput = { decision: form.decision };
  if (form.decision === 'reduce') body.amount = form.amount.trim();
  if (form.decision !== 'accept') body.reason = form.reason.trim();
  return body;
}
