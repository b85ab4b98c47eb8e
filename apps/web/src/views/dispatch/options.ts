import { PROBLEM_CATEGORIES } from '../../api/dispatch';

/** The choices of a select over a value list, each with its label. */
export const labelled = <V extends string>(values: readonly V[], label: (value: V) => string) =>
  values.map((value) => ({ value, label: label(value) }));

/** The problem categories as choices (filters, forms). */
export const categoryOptions = (t: (key: string) => string) =>
  labelled(PROBLEM_CATEGORIES, (category) => t(`dispatch.categories.${category}`));
