import { describe, expect, it } from 'vitest';
import { alertFiltersOf, routes } from './router';

describe('routes', () => {
  it('open the alert inbox with the filters of its address (a cockpit drill-down)', () => {
    expect(alertFiltersOf({ level: '3', status: 'open', departmentId: '7' })).toEqual({
      level: 3,
      status: 'open',
      departmentId: '7',
    });
    expect(alertFiltersOf({ level: '9', status: 'closed' })).toEqual({
      level: undefined,
      status: undefined,
      departmentId: undefined,
    });
  });

  it('show the big screen to every role, without the app shell', () => {
    const screen = routes.find((route) => route.path === '/screen');
    expect(screen?.meta).toMatchObject({ bare: true, roles: ['admin', 'bureau', 'leader', 'department'] });
    expect(routes.find((route) => route.path === '/cockpit')?.meta?.bare).toBeUndefined();
  });
});
