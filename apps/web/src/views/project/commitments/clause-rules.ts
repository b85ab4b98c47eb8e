import type { FormItemRule } from 'element-plus';
import { CLAWBACK_RATIO_PATTERN } from '@luodi/domain';
import {
  INDICATOR_CATALOG,
  type ClauseStatus,
  type ClawbackBasis,
  type CommitmentClause,
  type CommitmentClauseInput,
  type CommitmentIndicator,
  type CommitmentUnit,
} from '../../../api/commitments';

/**
 * The clause form's rules (commitments.md §2), pure: which fields an indicator needs, the body sent,
 * the validation messages, and how a clause's status reads.
 */
export type ClauseShape = 'value_due' | 'value_year' | 'date';

/**
 * From the domain's indicator catalog: a date clause has an agreed date; an annual value clause an
 * assessed year; the others a due date.
 */
export function clauseShape(indicator: CommitmentIndicator): ClauseShape {
  const entry = INDICATOR_CATALOG[indicator];
  if (entry.kind === 'date') return 'date';
  return entry.basis === 'annual' ? 'value_year' : 'value_due';
}

/** The unit of an indicator's agreed value (key under commitments.units). */
export function indicatorUnit(indicator: CommitmentIndicator): CommitmentUnit {
  return INDICATOR_CATALOG[indicator].unit;
}

export interface ClauseForm {
  indicator: CommitmentIndicator | '';
  agreedValue: string;
  dueDate: string;
  year: string;
  agreedDate: string;
  clawbackRatio: string;
  clawbackBasis: ClawbackBasis | '';
  note: string;
}

export function emptyClauseForm(): ClauseForm {
  return {
    indicator: '',
    agreedValue: '',
    dueDate: '',
    year: '',
    agreedDate: '',
    clawbackRatio: '',
    clawbackBasis: '',
    note: '',
  };
}

export function clauseFormOf(clause: CommitmentClause): ClauseForm {
  return {
    indicator: clause.indicator,
    agreedValue: clause.agreedValue ?? '',
    dueDate: clause.dueDate ?? '',
    year: clause.year === null ? '' : String(clause.year),
    agreedDate: clause.agreedDate ?? '',
    clawbackRatio: clause.clawbackRatio ?? '',
    clawbackBasis: clause.clawbackBasis ?? '',
    note: clause.note ?? '',
  };
}

/** The body of a clause: only the fields its indicator's shape has (a trimmed, non-empty value). */
export function clauseBody(form: ClauseForm): CommitmentClauseInput {
  if (!form.indicator) throw new Error('indicator required');
  const shape = clauseShape(form.indicator);
  const body: CommitmentClauseInput = { indicator: form.indicator };
  if (shape === 'date') body.agreedDate = form.agreedDate;
  else {
    body.agreedValue = form.agreedValue.trim();
    if (shape === 'value_year') body.year = Number(form.year);
    else body.dueDate = form.dueDate;
  }
  if (form.clawbackRatio.trim()) {
    body.clawbackRatio = form.clawbackRatio.trim();
    if (form.clawbackBasis) body.clawbackBasis = form.clawbackBasis;
  }
  if (form.note.trim()) body.note = form.note.trim();
  return body;
}

/** An agreed amount: > 0 with at most two decimals (persons: a whole number ≥ 1). */
export const VALUE_PATTERN = /^\d{1,12}(\.\d{1,2})?$/;
export const PERSONS_PATTERN = /^[1-9]\d{0,6}$/;

export function isValidAgreedValue(indicator: CommitmentIndicator, value: string): boolean {
  const text = value.trim();
  if (indicator === 'jobs') return PERSONS_PATTERN.test(text);
  return VALUE_PATTERN.test(text) && Number(text) > 0;
}

type Translate = (key: string, named?: Record<string, unknown>) => string;

/** The form's rules; the messages name the field and the rule. */
export function clauseRules(t: Translate, form: ClauseForm): Record<string, FormItemRule[]> {
  const required = (labelKey: string): FormItemRule => ({
    required: true,
    message: t('common.required', { field: t(labelKey) }),
    trigger: 'change',
  });
  const check =
    (test: (value: string) => boolean, messageKey: string): FormItemRule['validator'] =>
    (_rule, value: unknown, callback) =>
      test(String(value ?? '')) ? callback() : callback(new Error(t(messageKey)));
  return {
    indicator: [required('commitments.clause.indicator')],
    agreedValue: [
      required('commitments.clause.agreedValue'),
      {
        validator: check(
          (v) => !form.indicator || isValidAgreedValue(form.indicator, v),
          form.indicator === 'jobs' ? 'commitments.rules.persons' : 'commitments.rules.value',
        ),
        trigger: 'blur',
      },
    ],
    dueDate: [required('commitments.clause.dueDate')],
    year: [
      required('commitments.clause.year'),
      { validator: check((v) => /^(19|20|21)\d{2}$/.test(v), 'commitments.rules.year'), trigger: 'change' },
    ],
    agreedDate: [required('commitments.clause.agreedDate')],
    clawbackRatio: [
      {
        validator: check(
          (v) => !v.trim() || CLAWBACK_RATIO_PATTERN.test(v.trim()),
          'commitments.rules.ratio',
        ),
        trigger: 'blur',
      },
    ],
    clawbackBasis: [
      {
        validator: check((v) => !form.clawbackRatio.trim() || !!v, 'commitments.rules.basis'),
        trigger: 'change',
      },
    ],
  };
}

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger';

export const CLAUSE_STATUS_TAG: Readonly<Record<ClauseStatus, TagType>> = {
  pending: 'info',
  met: 'success',
  unmet: 'danger',
};

/** A value with its unit's name ("22.5 万元/亩"); dates stand alone; null → "—". */
export function withUnit(
  value: string | null,
  unit: CommitmentUnit,
  unitName: (unit: string) => string,
): string {
  if (value === null) return '—';
  return unit === 'date' ? value : `${value} ${unitName(unit)}`;
}

/** The agreed term as one line: "≥ 500 万元 by 2026-06-30", "≥ 30 万元/亩 in 2025", "≤ 2026-03-01". */
export function agreedText(
  clause: CommitmentClause,
  unitName: (unit: string) => string,
  t: Translate,
): string {
  const shape = clauseShape(clause.indicator);
  if (shape === 'date') return t('commitments.clause.agreedByDate', { date: clause.agreedDate ?? '—' });
  const value = withUnit(clause.agreedValue, indicatorUnit(clause.indicator), unitName);
  return shape === 'value_year'
    ? t('commitments.clause.agreedInYear', { value, year: clause.year ?? '—' })
    : t('commitments.clause.agreedByDue', { value, date: clause.dueDate ?? '—' });
}
