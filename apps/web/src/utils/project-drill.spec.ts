import { describe, expect, it } from 'vitest';
import { createAppI18n } from '../i18n';
import { drillFromQuery, drillTags, withoutKeys } from './project-drill';

const i18n = createAppI18n('zh-CN');
const t = i18n.global.t as (key: string, values?: Record<string, unknown>) => string;
const texts = (query: Record<string, string>) =>
  drillTags(drillFromQuery(query), t, (id) => (id === '7' ? '发改局' : id)).map((tag) => tag.text);

describe('project list drill-down filters', () => {
  it('reads what a cockpit chart sends, dropping malformed values', () => {
    expect(
      drillFromQuery({
        year: '2026',
        reached: 'started',
        asOf: '2026-11-25',
        source: '沪洽会',
        signedFrom: '2026-3-1',
        talksYear: 'abcd',
      }),
    ).toEqual({ year: '2026', reached: 'started', asOf: '2026-11-25', source: '沪洽会' });
    expect(drillFromQuery({ reached: 'negotiating' })).toEqual({});
  });

  it('describes the filters as the list reads them', () => {
    expect(texts({ year: '2026', reached: 'started', asOf: '2026-11-25', source: '沪洽会' })).toEqual([
      '2026年签约',
      '截至2026-11-25已开工',
      '来源 沪洽会',
    ]);
    expect(texts({ talksYear: '2026', asOf: '2026-11-25', leadDepartmentId: '7' })).toEqual([
      '截至2026-11-25 · 2026年洽谈（含当年签约）',
      '责任单位 发改局',
    ]);
    expect(texts({ signedFrom: '2026-03-01', signedTo: '2026-03-31', industry: '新能源' })).toEqual([
      '签约于 2026-03-01 至 2026-03-31',
      '产业 新能源',
    ]);
    expect(texts({ startedFrom: '2026-04-01' })).toEqual(['2026-04-01 起开工']);
    expect(texts({ q: '光伏', stage: 'started' })).toEqual([]);
  });

  it('reads the 预计开工 drills: ids with the bar they came from, planned-start ranges', () => {
    expect(drillFromQuery({ ids: '12,15', forecastMonth: '2026-09', forecastBar: 'p50' })).toEqual({
      ids: '12,15',
      forecastMonth: '2026-09',
      forecastBar: 'p50',
    });
    // Malformed: ids not digits, a bar or month without ids, a bad month or bar.
    expect(drillFromQuery({ ids: '12;15', forecastMonth: '2026-09', forecastBar: 'p50' })).toEqual({});
    expect(drillFromQuery({ ids: '3', forecastMonth: '2026-9', forecastBar: 'p90' })).toEqual({ ids: '3' });
    expect(drillFromQuery({ plannedStartFrom: '2026-09-01', plannedStartTo: '2026-9-30' })).toEqual({
      plannedStartFrom: '2026-09-01',
    });
    expect(texts({ ids: '12,15', forecastMonth: '2026-09', forecastBar: 'p50' })).toEqual([
      '预计（P50）2026-09 开工（2 个）',
    ]);
    expect(texts({ ids: '12,15,18', forecastMonth: '2026-10', forecastBar: 'planned' })).toEqual([
      '计划 2026-10 开工（预计开工图，3 个）',
    ]);
    expect(texts({ ids: '12' })).toEqual(['指定的 1 个项目']);
    expect(texts({ plannedStartFrom: '2026-09-01', plannedStartTo: '2026-09-30' })).toEqual([
      '计划开工于 2026-09-01 至 2026-09-30',
    ]);
    const [tag] = drillTags(drillFromQuery({ ids: '12', forecastMonth: '2026-09', forecastBar: 'p50' }), t);
    expect(
      withoutKeys(
        { ids: '12', forecastMonth: '2026-09', forecastBar: 'p50', q: '光伏', page: '2' },
        tag!.keys,
      ),
    ).toEqual({ q: '光伏' });
  });

  it('closing a tag removes exactly its keys and starts the list over', () => {
    const query = { year: '2026', reached: 'started', asOf: '2026-11-25', page: '3', q: '光伏' };
    const [, reachedTag] = drillTags(drillFromQuery(query), t);
    expect(reachedTag!.keys).toEqual(['reached', 'asOf']);
    expect(withoutKeys(query, reachedTag!.keys)).toEqual({ year: '2026', q: '光伏' });
  });
});
