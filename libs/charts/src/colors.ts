/**
 * The traffic-light colours (红黄绿) every Luodi chart and tag uses: green on track, yellow at risk,
 * red overdue or down. Dashboards reuse these so one colour always means one thing.
 */
export const LIGHT_GREEN = '#52c41a';
export const LIGHT_YELLOW = '#faad14';
export const LIGHT_RED = '#f5222d';

export type Light = 'green' | 'yellow' | 'red';

export const LIGHT_COLORS: Readonly<Record<Light, string>> = {
  green: LIGHT_GREEN,
  yellow: LIGHT_YELLOW,
  red: LIGHT_RED,
};

/** A neutral accent for measured values (lines, bars) that are not themselves a verdict. */
export const ACCENT_BLUE = '#1677ff';
