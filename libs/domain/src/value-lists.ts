/**
 * Value lists are defined once, here in libs/domain, as a `const` tuple and its type; entities, DTO
 * validators, SQL, labels and the web import them. Code that names one value uses the by-name object
 * (`MilestoneState.approved`, `AlertKind.milestone_due`), so renaming or removing a value fails to
 * compile wherever it is named.
 */

/** The values of a list by name: `{ planned: 'planned', … }`. */
export function namesOf<const T extends readonly string[]>(list: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(list.map((value) => [value, value]))) as {
    readonly [K in T[number]]: K;
  };
}

/** The languages of the UI and of every label map. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One label per language. */
export type Label = Readonly<Record<Locale, string>>;

/**
 * Labels of every value of a list, in every language: a value without a label in either language does
 * not compile (`satisfies Labels<AlertKind>`).
 */
export type Labels<K extends string | number> = Readonly<Record<K, Label>>;

/** The labels of a list in one language, e.g. for a vue-i18n message block or a report sheet. */
export function labelsIn<K extends string | number>(labels: Labels<K>, locale: Locale): Record<K, string> {
  return Object.fromEntries(
    Object.entries<Label>(labels as Record<string, Label>).map(([key, label]) => [key, label[locale]]),
  ) as Record<K, string>;
}
