import { projectCodeProblem } from '@luodi/domain';

/**
 * The demo district's region code (the 6-digit group of its project codes; the demo's
 * `regionCodePrefix` setting): a county-level district of the city whose credit codes the demo
 * companies carry (320100).
 */
export const DEMO_REGION_CODE_PREFIX = '320115';

/**
 * A valid 项目代码 of the demo region (routes-and-forecast.md §1): year of the project's filing,
 * the region, an industry group, a project type and a running number.
 */
export function demoProjectCode(year: string, index: number): string {
  const industry = String(10 + (index % 80)).padStart(2, '0');
  const code = `${year}-${DEMO_REGION_CODE_PREFIX}-${industry}-03-${String(index + 1).padStart(6, '0')}`;
  if (projectCodeProblem(code, DEMO_REGION_CODE_PREFIX) !== null)
    throw new Error(`demo project code ${code} is not valid`);
  return code;
}
