type Translate = (key: string, values?: Record<string, unknown>) => string;

/**
 * The planned start a forecast is held against, as the card and the cockpit say it: the project's
 * planned start date, or — a key work without one — its planned start month
 * ("2026年9月（重点工程）" / "Sep 2026 (key work)"); null when neither is known.
 */
export function plannedStartText(
  planned: { plannedStartDate: string | null; plannedStartMonth?: string | null },
  t: Translate,
): string | null {
  if (planned.plannedStartMonth && /^\d{4}-\d{2}$/.test(planned.plannedStartMonth)) {
    const [year, month] = planned.plannedStartMonth.split('-').map(Number) as [number, number];
    return t('forecast.card.plannedMonth', { year, month });
  }
  return planned.plannedStartDate;
}
