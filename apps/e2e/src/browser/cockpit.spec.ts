import { readFile } from 'node:fs/promises';
import type { ApprovalLightsResponse, BreakdownResponse, DashboardSummary } from '@luodi/contracts';
import { artifactPath } from '@luodi/testing';
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, useBrowserStack, signIn, testId } from './helpers';

/** The red of the traffic lights (libs/charts LIGHT_COLORS.red, as every 红灯 in the app). */
const LIGHT_RED = '#f5222d';

/** The UI's percentage: one decimal (0.375 → "37.5%"), "—" for a rate without a denominator. */
const percent = (rate: number | null) =>
  rate === null ? '—' : `${(Math.round(rate * 1000) / 10).toFixed(1)}%`;

/** 万元 (decimal string) → 亿元 with two decimals, rounded half up, in integers ("320000.00" → "32.00"). */
function yi(wan: string): string {
  const [whole = '0', fraction = ''] = wan.split('.');
  const cents = BigInt(whole) * 100n + BigInt((fraction + '00').slice(0, 2));
  const hundredths = (cents + 5_000n) / 10_000n;
  const text = String(hundredths / 100n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${text}.${String(hundredths % 100n).padStart(2, '0')}`;
}

/** Every KPI card as the page must show it for a summary. */
function expectedCards(summary: DashboardSummary): Record<string, string> {
  return {
    'kpi-signed': String(summary.signedCount),
    'kpi-amount': yi(summary.contractAmount),
    'kpi-landing-rate': percent(summary.landingRate),
    'kpi-start-rate': percent(summary.startRate),
    'kpi-funds-rate': percent(summary.fundsRate),
    'kpi-key-works': String(summary.keyWorks.count),
    'kpi-key-works-start-rate': percent(summary.keyWorks.startRate),
    'kpi-investment-rate': percent(summary.keyWorks.investmentRate),
    'kpi-schedule-rate': percent(summary.keyWorks.scheduleRate),
    'kpi-on-time-rate': percent(summary.approvals.onTimeRate),
    'kpi-overdue-open': String(summary.approvals.overdueOpen),
    'kpi-alerts-1': String(summary.alerts.level1),
    'kpi-alerts-2': String(summary.alerts.level2),
    'kpi-alerts-3': String(summary.alerts.level3),
  };
}

async function readCards(page: Page, ids: string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    ids.map(async (id) => [id, ((await page.locator(testId(id)).textContent()) ?? '').trim()] as const),
  );
  return Object.fromEntries(entries);
}

/** Clicks the middle of an SVG shape (a funnel slice, a bar) as a person would. */
async function clickShape(page: Page, shape: Locator): Promise<void> {
  await shape.scrollIntoViewIfNeeded();
  const box = await shape.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
}

/**
 * Of the SVG elements matching `selector` inside a chart, the largest data shape: the legend's icons
 * (in the top band, where every cockpit chart has its legend) are left out, so even while the bars
 * still grow in (all at the same pace) the largest one is the largest bar.
 */
async function largest(chart: Locator, selector: string): Promise<Locator> {
  const shapes = chart.locator(selector);
  await expect.poll(() => shapes.count(), { timeout: 15_000 }).toBeGreaterThan(1);
  const areas = await shapes.evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = (node as SVGGraphicsElement).getBBox();
      return box.y < 30 ? -1 : box.width * box.height;
    }),
  );
  return shapes.nth(areas.indexOf(Math.max(...areas)));
}

/**
 * Issue 7: the leader's cockpit shows exactly the figures of GET /api/dashboard/summary (for the same
 * filters, the source one set through the address), every chart and card leads to the records behind
 * it, and a chart exports as PNG. A department user sees the cockpit too.
 */
describe('the leadership cockpit in the browser', () => {
  const e2e = useBrowserStack({
    context: { viewport: { width: 1600, height: 1000 }, acceptDownloads: true },
  });
  let errors: string[];
  let leaderToken: string;

  const api = async <T>(path: string, token = leaderToken): Promise<T> => {
    const answer = await e2e.stack.call('GET', path, { token });
    expect(answer.status, path).toBe(200);
    return answer.body as T;
  };

  async function expectCardsToMatch(summary: DashboardSummary): Promise<void> {
    const expected = expectedCards(summary);
    await expect
      .poll(() => readCards(e2e.page, Object.keys(expected)), { timeout: 15_000 })
      .toEqual(expected);
  }

  beforeAll(async () => {
    leaderToken = await e2e.stack.login('leader');
  });

  it('leader: the cards equal the summary, with and without a source filter, and every chart drills down', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    errors = collectPageErrors(e2e.page);
    expect(new URL(e2e.page.url()).pathname).toBe('/cockpit');

    // The demo district (domain §7) on the leader's home page, equal to the API's figures.
    const summary = await api<DashboardSummary>('/api/dashboard/summary');
    expect(summary.signedCount).toBe(8);
    expect(summary.contractAmount).toBe('320000.00');
    expect(summary.keyWorks.count).toBe(78);
    await expectCardsToMatch(summary);
    expect(await e2e.page.locator(testId('kpi-amount')).textContent()).toBe('32.00');
    expect(await e2e.page.locator(testId('kpi-start-rate')).textContent()).toBe('37.5%');
    // Every chart is drawn (SVG).
    for (const chart of ['funnel', 'trend', 'by-source', 'by-industry', 'approval-lights'])
      await e2e.page
        .locator(`${testId(`chart-${chart}-chart`)} svg`)
        .first()
        .waitFor();
    await e2e.page
      .locator(`${testId('scorecard-table')} tbody tr`)
      .first()
      .waitFor();
    // The whole page (the app's main pane scrolls, so a viewport tall enough to hold it all).
    await e2e.page.setViewportSize({ width: 1600, height: 2300 });
    await e2e.page.screenshot({
      path: artifactPath('cockpit-leader.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await e2e.page.setViewportSize({ width: 1600, height: 1000 });

    // A chart as PNG: the file is a real PNG named after the chart and year.
    const [download] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.locator(testId('chart-funnel-png')).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`funnel-${summary.year}.png`);
    const png = await readFile((await download.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.length).toBeGreaterThan(1000);
    await download.saveAs(artifactPath('cockpit-funnel-export.png'));

    // The 月度调度 report of the as-of month (the month picker's default), as .xlsx (a zip: "PK").
    const [report] = await Promise.all([
      e2e.page.waitForEvent('download'),
      e2e.page.locator(testId('cockpit-report')).click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    const xlsx = await readFile((await report.path())!);
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');

    // The 开工率 card → the projects signed this year and started by the as-of date.
    await e2e.page.locator(testId('kpi-card-start')).click();
    await e2e.page.waitForURL((url) => url.pathname === '/projects');
    const startQuery = new URL(e2e.page.url()).searchParams;
    expect(startQuery.get('reached')).toBe('started');
    expect(startQuery.get('year')).toBe(String(summary.year));
    expect(startQuery.get('asOf')).toBe(summary.asOfDate);
    const drillTotal = e2e.page.locator(testId('projects-drill-total'));
    await expect
      .poll(() => drillTotal.getAttribute('data-total'), { timeout: 15_000 })
      .toBe(String(summary.startedCount));
    const tags = await e2e.page.locator(testId('projects-drill-tag')).allTextContents();
    expect(tags.map((tag) => tag.trim())).toEqual([`${summary.year}年签约`, `截至${summary.asOfDate}已开工`]);
    const rows = e2e.page.locator(`${testId('projects-table')} tbody tr`);
    await expect.poll(() => rows.count()).toBe(summary.startedCount);
    await e2e.page.screenshot({ path: artifactPath('cockpit-drill-projects.png'), animations: 'disabled' });

    // A source set through the address: the cards follow the API for that source.
    const bySource = await api<BreakdownResponse>(`/api/dashboard/breakdown?by=source`);
    const source = [...bySource.items].sort((a, b) => b.startedCount - a.startedCount)[0]!.key;
    expect(source).not.toBe('');
    const sourceQuery = `source=${encodeURIComponent(source)}`;
    const filtered = await api<DashboardSummary>(`/api/dashboard/summary?${sourceQuery}`);
    expect(filtered.startedCount).toBeGreaterThan(0);
    expect(filtered.signedCount).toBeLessThan(summary.signedCount);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit?${sourceQuery}`);
    await expectCardsToMatch(filtered);

    // The 开工 slice of the funnel → that source's started projects; the list's total is the slice's.
    // Its label ("开工 3") belongs to the slice: clicking it is clicking the slice.
    const funnel = e2e.page.locator(testId('chart-funnel-chart'));
    const startedSlice = funnel.locator('text').filter({ hasText: /^开工 \d+$/ });
    await startedSlice.waitFor();
    expect(await startedSlice.textContent()).toBe(`开工 ${filtered.startedCount}`);
    await clickShape(e2e.page, startedSlice);
    await e2e.page.waitForURL((url) => url.pathname === '/projects');
    const sliceQuery = new URL(e2e.page.url()).searchParams;
    expect(Object.fromEntries(sliceQuery)).toEqual({
      year: String(filtered.year),
      reached: 'started',
      asOf: filtered.asOfDate,
      source,
    });
    await expect
      .poll(() => drillTotal.getAttribute('data-total'), { timeout: 15_000 })
      .toBe(String(filtered.startedCount));
    expect((await e2e.page.locator(testId('projects-drill')).textContent()) ?? '').toContain(
      `来源 ${source}`,
    );

    // A red bar of the approvals-by-department chart → that department's overdue milestones.
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit`);
    const lights = await api<ApprovalLightsResponse>('/api/dashboard/approvals-by-department');
    const withRed = lights.items.filter((item) => item.red > 0);
    expect(withRed.length).toBeGreaterThan(0);
    const lightsChart = e2e.page.locator(testId('chart-approval-lights-chart'));
    const redBar = await largest(lightsChart, `path[fill="${LIGHT_RED}"]`);
    await clickShape(e2e.page, redBar);
    await e2e.page.waitForURL((url) => url.pathname === '/approvals');
    const barQuery = new URL(e2e.page.url()).searchParams;
    expect(barQuery.get('light')).toBe('red');
    const department = withRed.find((item) => item.departmentId === barQuery.get('departmentId'));
    expect(department, `a department with red lights: ${barQuery.get('departmentId')}`).toBeDefined();
    // The largest red bar is the department with the most red milestones.
    expect(department!.red).toBe(Math.max(...withRed.map((item) => item.red)));
    await expect
      .poll(() => e2e.page.locator(testId('milestones-total')).getAttribute('data-total'), {
        timeout: 15_000,
      })
      .toBe(String(department!.red));

    expect(errors).toEqual([]);
  });

  it('a department user sees the cockpit, with the district-wide figures', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'dept');
    errors = collectPageErrors(e2e.page);
    const deptToken = await e2e.stack.login('dept');
    const summary = await api<DashboardSummary>('/api/dashboard/summary', deptToken);
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit`);
    await expectCardsToMatch(summary);
    await e2e.page
      .locator(`${testId('chart-funnel-chart')} svg`)
      .first()
      .waitFor();
    // Only admin, bureau and leader export the monthly report.
    expect(await e2e.page.locator(testId('cockpit-report')).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('a future as-of date in the address is said, not silently replaced: the cockpit shows today', async () => {
    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    errors = collectPageErrors(e2e.page);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    const future = `${Number(today.slice(0, 4)) + 1}-01-15`;
    await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit?asOf=${future}`);
    const notice = e2e.page.locator(testId('cockpit-future-as-of'));
    await notice.waitFor();
    const text = (await notice.textContent()) ?? '';
    expect(text).toContain(future);
    expect(text).toContain(today);
    expect(text).toContain('晚于今天');
    // The address now says today (no asOf), and so do the figures.
    await expect.poll(() => new URL(e2e.page.url()).searchParams.get('asOf')).toBeNull();
    await expect
      .poll(() => e2e.page.locator(testId('cockpit-caption')).textContent(), { timeout: 15_000 })
      .toContain(`截至 ${today}`);
    expect(errors).toEqual([]);
  });
});
