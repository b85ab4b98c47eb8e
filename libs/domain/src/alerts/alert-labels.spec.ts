import { describe, expect, it } from 'vitest';
import { LOCALES, type Labels } from '../value-lists';
import { ALERT_LEVELS, ANSWER_CATEGORIES } from './alert-lists';
import { ALERT_KIND_LABELS, ALERT_LEVEL_LABELS, ANSWER_CATEGORY_LABELS } from './alert-labels';
import { ALERT_KINDS, type AlertKind } from './alert-rules';

/** A kind the next capability might add (dispatch meetings' commitments). */
type WithFictionalKind = AlertKind | 'forecast_late';

describe('alert labels', () => {
  it('names every kind, level and answer category in both languages, each kind once', () => {
    for (const locale of LOCALES) {
      for (const kind of ALERT_KINDS) expect(ALERT_KIND_LABELS[kind][locale]).toBeTruthy();
      for (const level of ALERT_LEVELS) expect(ALERT_LEVEL_LABELS[level][locale]).toBeTruthy();
      for (const category of ANSWER_CATEGORIES) expect(ANSWER_CATEGORY_LABELS[category][locale]).toBeTruthy();
      const names = ALERT_KINDS.map((kind) => ALERT_KIND_LABELS[kind][locale]);
      expect(new Set(names).size).toBe(names.length);
    }
  });

  it('does not compile a label map that lacks a kind or a language (checked by `nx typecheck domain`)', () => {
    // A kind added to ALERT_KINDS without a label: the map no longer satisfies Labels<AlertKind>.
    // @ts-expect-error Property 'forecast_late' is missing.
    const missingKind = { ...ALERT_KIND_LABELS } satisfies Labels<WithFictionalKind>;
    const halfLabelled = {
      ...ALERT_KIND_LABELS,
      // @ts-expect-error Property 'en' is missing: a label in one language only.
      forecast_late: { 'zh-CN': '预计延误' },
    } satisfies Labels<WithFictionalKind>;
    const complete = {
      ...ALERT_KIND_LABELS,
      forecast_late: { 'zh-CN': '预计延误', en: 'Forecast late' },
    } satisfies Labels<WithFictionalKind>;
    expect(Object.keys(missingKind)).toHaveLength(ALERT_KINDS.length);
    expect(Object.keys(halfLabelled)).toHaveLength(ALERT_KINDS.length + 1);
    expect(complete.forecast_late.en).toBe('Forecast late');
  });
});
