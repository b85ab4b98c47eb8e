import type { FormRules } from 'element-plus';

/**
 * The fields of a dispatch form as data (`FieldList` draws them): `key` is the form's field and the
 * item's `prop`, `testId` the control's test id (a day picker's: the element around it).
 */
interface FieldBase {
  key: string;
  label: string;
  testId: string;
}
export type FieldSpec = FieldBase &
  (
    | { kind: 'text'; maxlength: number }
    | { kind: 'textarea'; maxlength: number }
    | { kind: 'date'; disabledDate?: (date: Date) => boolean }
    | {
        kind: 'select';
        options: readonly { value: string; label: string }[];
        multiple?: boolean;
        filterable?: boolean;
        clearable?: boolean;
      }
    | { kind: 'choice'; choices: readonly string[]; choiceLabel: (choice: string) => string }
  );

type Translate = (key: string) => string;

/** A problem's 责任单位 and 配合单位 (a new problem, a decision), test ids `${prefix}-owner` / `-co-owners`. */
export const ownerFields = (
  t: Translate,
  prefix: string,
  options: readonly { value: string; label: string }[],
  clearable = false,
): FieldSpec[] => [
  {
    kind: 'select',
    key: 'ownerDepartmentId',
    label: t('dispatch.problems.owner'),
    testId: `${prefix}-owner`,
    options,
    filterable: true,
    clearable,
  },
  {
    kind: 'select',
    key: 'coDepartmentIds',
    label: t('dispatch.problems.coOwners'),
    testId: `${prefix}-co-owners`,
    options,
    filterable: true,
    multiple: true,
  },
];

/**
 * A form dialog as data (`FieldsDialog`): its title and width, `name` (test ids `${name}-dialog` and
 * `${name}-submit`), the form and its fields and rules, and `action` (saves; the success message, or
 * false when there is nothing to save).
 */
export interface FieldsDialogSpec {
  name: string;
  title: string;
  width?: string;
  form: object;
  fields: readonly FieldSpec[];
  rules: FormRules;
  action: () => Promise<string | false>;
}
