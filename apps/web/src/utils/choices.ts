/** A value list as a select's labelled choices (`label` names each value, e.g. from the i18n labels). */
export function choicesOf<V extends string | number>(
  values: readonly V[],
  label: (value: V) => string,
): Array<{ value: V; label: string }> {
  return values.map((value) => ({ value, label: label(value) }));
}

/**
 * One select of an inbox's filter bar: the filter `key` it sets, its `values`, the i18n prefix naming
 * them (`labels`), its placeholder (a key of the page's messages: its "all …" text) and its test id.
 */
export interface InboxSelectSpec {
  key: string;
  values: readonly (string | number)[];
  labels: string;
  placeholder: string;
  testId: string;
}

/** An inbox select, on one line: `inboxSelect('status', ALERT_STATUSES, 'alerts.statuses', 'allStatuses', …)`. */
export function inboxSelect(
  key: string,
  values: readonly (string | number)[],
  labels: string,
  placeholder: string,
  testId: string,
): InboxSelectSpec {
  return { key, values, labels, placeholder, testId };
}
