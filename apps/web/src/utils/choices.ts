/** A value list as a select's labelled choices (`label` names each value, e.g. from the i18n labels). */
export function choicesOf<V extends string | number>(
  values: readonly V[],
  label: (value: V) => string,
): Array<{ value: V; label: string }> {
  return values.map((value) => ({ value, label: label(value) }));
}

/** One select of a list's filter bar: the filter key it sets, its placeholder, test id and choices. */
export interface FilterSelectSpec {
  key: string;
  placeholder: string;
  testId: string;
  options: readonly { value: string | number; label: string }[];
}

/** The select of filter `key` over `values` (placeholder: its "all …" text), test id `testId`. */
export function filterSelect<V extends string | number>(
  key: string,
  values: readonly V[],
  label: (value: V) => string,
  texts: { placeholder: string; testId: string },
): FilterSelectSpec {
  return { key, options: choicesOf(values, label), ...texts };
}
