import { describe, expect, it } from 'vitest';
import { routes } from './router';

describe('routes', () => {
  it('show the big screen to every role, without the app shell', () => {
    const screen = routes.find((route) => route.path === '/screen');
    expect(screen?.meta).toMatchObject({ bare: true, roles: ['admin', 'bureau', 'leader', 'department'] });
    expect(routes.find((route) => route.path === '/cockpit')?.meta?.bare).toBeUndefined();
  });

  it('leave the problem list to read its filters from the address (no route props)', () => {
    expect(routes.find((route) => route.path === '/problems')?.props).toBeUndefined();
  });
});
