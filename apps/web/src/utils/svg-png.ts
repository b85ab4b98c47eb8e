/**
 * Chart export: an SVG (as ECharts' SVG renderer draws it) rasterised to a PNG — drawn on a canvas at
 * `scale` × its size, over a solid background (an SVG chart is transparent), then `canvas.toBlob`.
 */

/** The first eight bytes of every PNG file. */
export const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

export interface CanvasLike {
  width: number;
  height: number;
  getContext(
    type: '2d',
  ): Pick<CanvasRenderingContext2D, 'fillStyle' | 'fillRect' | 'drawImage' | 'scale'> | null;
  toBlob(callback: (blob: Blob | null) => void, type?: string): void;
}

export interface RasterDeps {
  loadImage(src: string): Promise<CanvasImageSource>;
  createCanvas(): CanvasLike;
}

export interface RasterOptions {
  width: number;
  height: number;
  /** Pixel ratio of the PNG (2: crisp on print and high-density screens). */
  scale?: number;
  /** Fill behind the chart; null keeps it transparent. */
  background?: string | null;
}

/** An SVG document as a data URL an <img> can load (already a data URL: returned as is). */
export function svgDataUrl(svg: string): string {
  if (svg.startsWith('data:')) return svg;
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

const browserDeps: RasterDeps = {
  loadImage: (src) =>
    new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => resolve(image);
      image.onerror = () => reject(new Error('the chart image could not be drawn'));
      image.src = src;
    }),
  createCanvas: () => document.createElement('canvas'),
};

/** Rasterises an SVG (markup or data URL) to a PNG blob. */
export async function svgToPng(
  svg: string,
  options: RasterOptions,
  deps: RasterDeps = browserDeps,
): Promise<Blob> {
  const scale = options.scale ?? 2;
  const width = Math.max(1, Math.round(options.width));
  const height = Math.max(1, Math.round(options.height));
  const image = await deps.loadImage(svgDataUrl(svg));
  const canvas = deps.createCanvas();
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas to draw the chart on');
  const background = options.background === undefined ? '#ffffff' : options.background;
  if (background) {
    context.fillStyle = background;
    context.fillRect(0, 0, canvas.width, canvas.height);
  }
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be made'))),
      'image/png',
    ),
  );
}

/** Hands a blob to the browser as a download under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
