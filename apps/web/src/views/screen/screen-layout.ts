/** The big screen is drawn on a fixed canvas of a 1080p meeting-room display… */
export const SCREEN_WIDTH = 1920;
export const SCREEN_HEIGHT = 1080;

export interface ScreenFit {
  /** The factor the canvas is scaled by (CSS transform, origin top left). */
  scale: number;
  /** Where the scaled canvas starts in the window (the letterbox margins), in CSS pixels. */
  left: number;
  top: number;
}

/**
 * …scaled to fit any window whole, keeping its proportions, centred with bars on the sides (a wider
 * window) or above and below (a taller one). A window without size (not laid out yet) keeps scale 1.
 */
export function fitScreen(
  windowWidth: number,
  windowHeight: number,
  width = SCREEN_WIDTH,
  height = SCREEN_HEIGHT,
): ScreenFit {
  if (!(windowWidth > 0) || !(windowHeight > 0)) return { scale: 1, left: 0, top: 0 };
  const scale = Math.min(windowWidth / width, windowHeight / height);
  return {
    scale,
    left: Math.max(0, (windowWidth - width * scale) / 2),
    top: Math.max(0, (windowHeight - height * scale) / 2),
  };
}

/** Seconds a scrolling list takes to go round once: slow enough to read each row from afar. */
export function scrollSeconds(rows: number, secondsPerRow = 3): number {
  return Math.max(1, rows) * secondsPerRow;
}

/** The first and last `count` rows of a ranking (all of it when it is short), without repeating any. */
export function topAndBottom<T>(rows: readonly T[], count: number): { top: T[]; bottom: T[] } {
  if (rows.length <= count * 2) return { top: [...rows], bottom: [] };
  return { top: rows.slice(0, count), bottom: rows.slice(rows.length - count) };
}
