import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptNeedsProjectCode, projectCodeProblem, projectCodeRegion } from './project-code';

describe('projectCode (项目代码, routes-and-forecast.md §1)', () => {
  it('accepts a well-formed code of the region', () => {
    expect(projectCodeProblem('2026-330106-44-03-012345', '330106')).toBeNull();
    expect(projectCodeProblem('2026-330106-44-03-012345', '3301')).toBeNull();
    expect(projectCodeRegion('2026-330106-44-03-012345')).toBe('330106');
  });

  it('accepts any region when the prefix is empty', () => {
    expect(projectCodeProblem('2025-110101-07-01-000001', '')).toBeNull();
    expect(projectCodeProblem('2025-110101-07-01-000001', null)).toBeNull();
    expect(projectCodeProblem('2025-110101-07-01-000001', undefined)).toBeNull();
  });

  it.each([
    '',
    '2026-330106-44-03-01234',
    '2026-330106-44-03-0123456',
    '2026330106-44-03-012345',
    '2026-330106-44-03-01234X',
    '2026-33010-644-03-012345',
    '2026–330106–44–03–012345',
    ' 2026-330106-44-03-012345',
    '2026-330106-44-03-012345 ',
    'abcd-efghij-kl-mn-opqrst',
  ])('refuses the malformed %j', (value) => {
    expect(projectCodeProblem(value, '')).toBe('format');
  });

  it('refuses a code of another region', () => {
    expect(projectCodeProblem('2026-110101-44-03-012345', '330106')).toBe('region');
    expect(projectCodeProblem('2026-330107-44-03-012345', '330106')).toBe('region');
  });

  it('any 4-6-2-2-6 digit code is well formed, and in its own region', () => {
    const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
    fc.assert(
      fc.property(digits(4), digits(6), digits(2), digits(2), digits(6), (a, b, c, d, e) => {
        const code = `${a}-${b}-${c}-${d}-${e}`;
        expect(code).toHaveLength(24);
        expect(projectCodeProblem(code, '')).toBeNull();
        expect(projectCodeProblem(code, b)).toBeNull();
        expect(projectCodeProblem(code, b.slice(0, 2))).toBeNull();
      }),
    );
  });

  it('accept needs a project code except for FILING', () => {
    expect(acceptNeedsProjectCode('PLANNING', null)).toBe(true);
    expect(acceptNeedsProjectCode('PLANNING', '')).toBe(true);
    expect(acceptNeedsProjectCode('PLANNING', '2026-330106-44-03-012345')).toBe(false);
    expect(acceptNeedsProjectCode('FILING', null)).toBe(false);
  });
});
