import { projectCodeProblem } from '@luodi/domain';
import { describe, expect, it } from 'vitest';
import { DEMO_REGION_CODE_PREFIX, demoProjectCode } from './demo-project-codes';

describe('demo project codes (项目代码)', () => {
  it('are valid codes of the demo region, distinct per project', () => {
    const codes = Array.from({ length: 200 }, (_, index) => demoProjectCode('2026', index));
    for (const code of codes) expect(projectCodeProblem(code, DEMO_REGION_CODE_PREFIX)).toBeNull();
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]).toBe('2026-320115-10-03-000001');
  });
});
