import { describe, expect, it } from 'vitest';
import { barsLabelledTrend, compactFunnel, funnelScreenLabel } from './screen-charts';
import { fitScreen, scrollSeconds, topAndBottom } from './screen-layout';
import { investmentTone, screenKpis } from './screen-kpis';
import { screenFilters } from './screen-query';
import { clockTime } from './screen-time';
import { demoSummary } from './test-fixtures';

const echo = (key: string) => key;

describe('fitScreen', () => {
  it('fills a 1080p window exactly', () => {
    expect(fitScreen(1920, 1080)).toEqual({ scale: 1, left: 0, top: 0 });
  });
  it('letterboxes a wider window with bars at the sides', () => {
    expect(fitScreen(2560, 1080)).toEqual({ scale: 1, left: 320, top: 0 });
  });
  it('letterboxes a taller window with bars above and below', () => {
    expect(fitScreen(1280, 1024)).toEqual({ scale: 2 / 3, left: 0, top: 152 });
  });
  it('scales up to a 4K display', () => {
    expect(fitScreen(3840, 2160)).toEqual({ scale: 2, left: 0, top: 0 });
  });
  it('keeps scale 1 for a window not laid out yet', () => {
    expect(fitScreen(0, 0)).toEqual({ scale: 1, left: 0, top: 0 });
  });
});

describe('lists', () => {
  it('takes the head and tail of a ranking without repeating a row', () => {
    expect(topAndBottom([1, 2, 3, 4, 5, 6, 7, 8], 3)).toEqual({ top: [1, 2, 3], bottom: [6, 7, 8] });
    expect(topAndBottom([1, 2, 3, 4, 5], 3)).toEqual({ top: [1, 2, 3, 4, 5], bottom: [] });
  });
  it('scrolls round in time with the rows', () => {
    expect(scrollSeconds(12)).toBe(36);
    expect(scrollSeconds(0)).toBe(3);
  });
});

describe('screenKpis', () => {
  it('shows the demo figures with their units and details', () => {
    const kpis = Object.fromEntries(screenKpis(demoSummary, echo).map((k) => [k.id, k]));
    expect(Object.keys(kpis)).toEqual([
      'signed',
      'amount',
      'landing-rate',
      'start-rate',
      'funds-rate',
      'problems-open',
      'key-works',
      'key-start-rate',
      'investment-rate',
      'on-time-rate',
      'overdue',
      'escalated',
    ]);
    expect(kpis.signed).toMatchObject({ value: '8', unit: 'screen.units.projects', detail: { value: '31' } });
    expect(kpis.amount).toMatchObject({ value: '32.00', unit: 'screen.units.yi' });
    expect(kpis['landing-rate']).toMatchObject({ value: '62.5%', detail: { id: 'registered', value: '5' } });
    expect(kpis['start-rate']).toMatchObject({ value: '37.5%', detail: { id: 'started', value: '3' } });
    expect(kpis['funds-rate']).toMatchObject({ value: '15.0%', detail: { value: '4.80' } });
    expect(kpis['key-works']).toMatchObject({ value: '78', detail: { value: '20' } });
    expect(kpis['key-start-rate']).toMatchObject({ value: '45.0%', detail: { value: '9' } });
    // 15.0% done against a 33.3% schedule: 18.3 points behind → yellow.
    expect(kpis['investment-rate']).toMatchObject({
      value: '15.0%',
      tone: 'yellow',
      detail: { id: 'schedule-rate', value: '33.3%' },
    });
    expect(kpis['on-time-rate']).toMatchObject({ value: '85.0%', detail: { value: '40' } });
    expect(kpis.overdue).toMatchObject({ value: '4', tone: 'red' });
    expect(kpis.escalated).toMatchObject({ value: '2', tone: 'red', detail: { value: '10' } });
    // 问题清单: open problems, red while any is overdue.
    expect(kpis['problems-open']).toMatchObject({
      value: '12',
      unit: 'screen.units.items',
      tone: 'red',
      detail: { id: 'problems-overdue', value: '3' },
    });
  });

  it('shows the problem figures green when none is overdue, "—" without them', () => {
    const none = screenKpis({ ...demoSummary, problems: { ...demoSummary.problems!, overdue: 0 } }, echo);
    expect(none.find((k) => k.id === 'problems-open')).toMatchObject({ value: '12', tone: 'green' });
    const without = screenKpis({ ...demoSummary, problems: undefined }, echo);
    expect(without.find((k) => k.id === 'problems-open')).toMatchObject({ value: '—', tone: 'plain' });
  });

  it('shows "—" for every figure before the first answer, and for rates without a denominator', () => {
    expect(screenKpis(null, echo).every((k) => k.value === '—' && k.tone === 'plain')).toBe(true);
    const empty = screenKpis({ ...demoSummary, signedCount: 0, startRate: null }, echo);
    expect(empty.find((k) => k.id === 'start-rate')!.value).toBe('—');
  });

  it('colours nothing undone green', () => {
    const clear = screenKpis(
      {
        ...demoSummary,
        approvals: { ...demoSummary.approvals, overdueOpen: 0 },
        alerts: { level1: 0, level2: 0, level3: 0, total: 0 },
      },
      echo,
    );
    expect(clear.find((k) => k.id === 'overdue')!.tone).toBe('green');
    expect(clear.find((k) => k.id === 'escalated')!.tone).toBe('green');
  });

  it('judges investment against the schedule by the points behind (10 and 30)', () => {
    expect(investmentTone(0.5, 0.5)).toBe('green');
    expect(investmentTone(0.4, 0.5)).toBe('green');
    expect(investmentTone(0.39, 0.5)).toBe('yellow');
    expect(investmentTone(0.2, 0.5)).toBe('yellow');
    expect(investmentTone(0.19, 0.5)).toBe('red');
    expect(investmentTone(null, 0.5)).toBe('plain');
  });
});

describe('screenFilters', () => {
  it('takes year and source from the address, this year by default', () => {
    expect(screenFilters({}, 2026)).toEqual({ year: 2026 });
    expect(screenFilters({ year: '2025', source: '沪洽会' }, 2026)).toEqual({ year: 2025, source: '沪洽会' });
    expect(screenFilters({ year: 'soon', source: '' }, 2026)).toEqual({ year: 2026 });
    expect(screenFilters({ year: ['2024', '2023'] }, 2026)).toEqual({ year: 2024 });
  });
});

describe('clockTime', () => {
  it('tells the time in Asia/Shanghai, 24-hour', () => {
    expect(clockTime(new Date('2026-05-18T15:04:05Z'))).toBe('23:04:05');
    expect(clockTime(new Date('2026-05-18T16:00:00Z'))).toBe('00:00:00');
  });
});

describe('compactFunnel', () => {
  const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);
  const stage = (name: string, value: number, conversion: number | null) => ({
    name,
    value,
    conversion,
    stage: 'signed' as const,
    drill: { list: 'projects' as const, query: {} },
    itemStyle: { color: '#000' },
  });

  it('labels each stage on one line with its conversion', () => {
    expect(funnelScreenLabel(stage('在谈', 39, null), pct)).toBe('在谈 39');
    expect(funnelScreenLabel(stage('签约', 8, 8 / 39), pct)).toBe('签约 8 · 20.5%');
  });

  it('drops the legend and lets the funnel use the panel, keeping the rest of the option', () => {
    const option = compactFunnel(
      {
        title: { show: false },
        legend: { top: 0, data: ['在谈'] },
        series: [{ type: 'funnel', top: 76, label: { show: true, fontSize: 23 }, data: [] }],
      },
      pct,
    );
    expect(option.legend).toEqual({ show: false });
    expect(option.title).toEqual({ show: false });
    const [series] = option.series as Array<Record<string, any>>;
    expect(series).toMatchObject({ type: 'funnel', top: 6, label: { show: true, fontSize: 23 } });
    expect(series!.label.formatter({ data: stage('开工', 3, 3 / 5) })).toBe('开工 3 · 60%');
  });
});

describe('barsLabelledTrend', () => {
  it('hides the count axis ticks only', () => {
    const option = barsLabelledTrend({
      yAxis: [
        { type: 'value', name: '个', axisLabel: { fontSize: 23 } },
        { type: 'value', name: '%', axisLabel: { fontSize: 23 } },
      ],
    });
    expect(option.yAxis).toEqual([
      { type: 'value', name: '个', axisLabel: { fontSize: 23, show: false } },
      { type: 'value', name: '%', axisLabel: { fontSize: 23 } },
    ]);
    const single = { yAxis: { type: 'value' } };
    expect(barsLabelledTrend(single)).toBe(single);
  });
});
