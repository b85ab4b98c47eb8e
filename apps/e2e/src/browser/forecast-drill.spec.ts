import type { DashboardForecastResponse } from '@luodi/contracts';
import { artifactPath } from '@luodi/testing';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { collectPageErrors, expectNoSidewaysScroll, signIn, testId, useBrowserStack } from './helpers';

/** The P50 bars' blue (libs/charts ACCENT_BLUE). */
const ACCENT_BLUE = '#1677ff';

/**
 * The largest P50 bar of the month chart (legend icons, in the top band, left out); while the bars
 * still grow in (all at the same pace) the largest is already the largest.
 */
async function largestBar(chart: Locator): Promise<Locator> {
  const shapes = chart.locator(`path[fill="${ACCENT_BLUE}"]`);
  await expect.poll(() => shapes.count(), { timeout: 15_000 }).toBeGreaterThan(1);
  const areas = await shapes.evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = (node as SVGGraphicsElement).getBBox();
      return box.y < 30 ? -1 : box.width * box.height;
    }),
  );
  return shapes.nth(areas.indexOf(Math.max(...areas)));
}

async function clickShape(page: Page, shape: Locator): Promise<void> {
  await shape.scrollIntoViewIfNeeded();
  const box = await shape.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
}

/**
 * The cockpit's 预计开工 drills (routes-and-forecast §4): a P50 month bar opens the projects list
 * filtered to exactly the projects it counts (`/projects?ids=…&forecastMonth&forecastBar=p50`), with
 * a removable tag saying so and a total equal to the bar; the address reproduces the view. At
 * 1366×768 and at 390 px.
 */
describe('预计开工 month bars drill to the projects list (leader)', () => {
  const e2e = useBrowserStack({ context: { viewport: { width: 1366, height: 768 } } });

  it('clicks the largest P50 bar and lands on exactly its projects, on a laptop and on a phone', async () => {
    const token = await e2e.stack.login('leader');
    // The demo's routed projects start this year or next: the first year with a P50 bar.
    const thisYear = Number(
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()),
    );
    let forecast: DashboardForecastResponse | null = null;
    for (const year of [thisYear, thisYear + 1]) {
      const answer = await e2e.stack.call('GET', `/api/dashboard/forecast?year=${year}`, { token });
      expect(answer.status).toBe(200);
      const body = answer.body as DashboardForecastResponse;
      if (body.byMonth.some((month) => month.p50 > 0)) {
        forecast = body;
        break;
      }
    }
    expect(forecast, 'a year with a forecast start among the demo projects').not.toBeNull();
    const biggest = Math.max(...forecast!.byMonth.map((month) => month.p50));

    await signIn(e2e.page, e2e.stack.api.baseUrl, 'leader');
    const errors = collectPageErrors(e2e.page);
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 390, height: 844 },
    ]) {
      await e2e.page.setViewportSize(viewport);
      await e2e.page.goto(`${e2e.stack.api.baseUrl}/cockpit?year=${forecast!.year}`);
      const chart = e2e.page.locator(testId('chart-forecast-by-month-chart'));
      await chart.locator('svg').first().waitFor({ timeout: 20_000 });
      await clickShape(e2e.page, await largestBar(chart));
      await e2e.page.waitForURL((url) => url.pathname === '/projects', { timeout: 15_000 });

      const query = new URL(e2e.page.url()).searchParams;
      expect(query.get('forecastBar')).toBe('p50');
      const month = forecast!.byMonth.find((m) => m.month === query.get('forecastMonth'));
      expect(month, `the month of the bar: ${query.get('forecastMonth')}`).toBeDefined();
      expect(month!.p50).toBe(biggest);
      expect(query.get('ids')!.split(',').sort()).toEqual([...month!.p50Ids].sort());
      const total = e2e.page.locator(testId('projects-drill-total'));
      await expect.poll(() => total.getAttribute('data-total'), { timeout: 15_000 }).toBe(String(month!.p50));
      const tags = await e2e.page.locator(testId('projects-drill-tag')).allTextContents();
      expect(tags.map((tag) => tag.trim())).toEqual([`预计（P50）${month!.month} 开工（${month!.p50} 个）`]);
      await expectNoSidewaysScroll(e2e.page);
      await e2e.page.screenshot({
        path: artifactPath(viewport.width < 500 ? 'forecast-drill-phone.png' : 'forecast-drill.png'),
        fullPage: true,
        animations: 'disabled',
      });

      // The address reproduces the view: reloaded, the same total and tag.
      await e2e.page.reload();
      await expect.poll(() => total.getAttribute('data-total'), { timeout: 15_000 }).toBe(String(month!.p50));
    }
    expect(errors).toEqual([]);
  });
});
