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

/**
 * The cockpit's palette for measured series (stages, counts, rates) that are not a verdict: blues,
 * cyans and purples only, so nothing reads as 红黄绿. Readable on the light and the dark theme.
 */
export const COCKPIT_PALETTE: readonly string[] = [
  ACCENT_BLUE,
  '#36cfc9',
  '#9254de',
  '#597ef7',
  '#13a8a8',
  '#b37feb',
];

/** A neutral grey for reference lines (序时进度), visible on both themes. */
export const REFERENCE_GREY = '#8c8c8c';
