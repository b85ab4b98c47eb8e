import type { ActualFigures } from '../../../api/commitments';

/** An actuals period: a year `2025`, a quarter `2025-Q1` or a month `2025-03` (commitments.md §3). */
export const PERIOD_PATTERN = /^(19|20|21)\d{2}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/;
/** A 万元 amount ≥ 0 with at most two decimals. */
export const MONEY_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
export const HEADCOUNT_PATTERN = /^\d{1,7}$/;

export interface ActualForm {
  period: string;
  taxPaid: string;
  outputValue: string;
  fixedAssetInvestment: string;
  headcount: string;
}

export const MONEY_MEASURES = ['taxPaid', 'outputValue', 'fixedAssetInvestment'] as const;

export function emptyActualForm(): ActualForm {
  return { period: '', taxPaid: '', outputValue: '', fixedAssetInvestment: '', headcount: '' };
}

/** What is wrong with the form (a message key under commitments.rules), or null. */
export function actualProblem(form: ActualForm): string | null {
  if (!PERIOD_PATTERN.test(form.period.trim())) return 'commitments.rules.period';
  const filled = [...MONEY_MEASURES, 'headcount' as const].filter((key) => form[key].trim() !== '');
  if (!filled.length) return 'commitments.rules.measureRequired';
  if (MONEY_MEASURES.some((key) => form[key].trim() && !MONEY_PATTERN.test(form[key].trim())))
    return 'commitments.rules.amount';
  if (form.headcount.trim() && !HEADCOUNT_PATTERN.test(form.headcount.trim()))
    return 'commitments.rules.persons';
  return null;
}

/** The body of `PUT …/actuals/:period`: only the figures filled in. */
export function actualBody(form: ActualForm): Partial<ActualFigures> {
  const body: Partial<ActualFigures> = {};
  for (const key of MONEY_MEASURES) if (form[key].trim()) body[key] = form[key].trim();
  if (form.headcount.trim()) body.headcount = Number(form.headcount.trim());
  return body;
}
