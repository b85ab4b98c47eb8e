/** A value list as a select's labelled choices (`label` names each value, e.g. from the i18n labels). */
export function choicesOf<V extends string | number>(
  values: readonly V[],
  label: (value: V) => string,
): Array<{ value: V; label: string }> {
  return values.map((value) => ({ value, label: label(value) }));
}
