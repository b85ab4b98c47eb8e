import { describe, expect, it } from 'vitest';
import { svgDataUrl, svgToPng, type CanvasLike, type RasterDeps } from './svg-png';

const PNG = new Blob(['png'], { type: 'image/png' });

function fakeDeps(blob: Blob | null = PNG) {
  const calls: string[] = [];
  const canvas: CanvasLike & { fills: string[] } = {
    width: 0,
    height: 0,
    fills: [],
    getContext: () => ({
      set fillStyle(value: string) {
        canvas.fills.push(value);
      },
      get fillStyle() {
        return canvas.fills.at(-1) ?? '';
      },
      fillRect: (x: number, y: number, w: number, h: number) => calls.push(`fill ${x},${y},${w},${h}`),
      drawImage: ((...args: number[]) => {
        calls.push(`draw ${args.slice(1).join(',')}`);
      }) as unknown as CanvasRenderingContext2D['drawImage'],
      scale: () => undefined,
    }),
    toBlob: (callback, type) => {
      calls.push(`toBlob ${type}`);
      callback(blob);
    },
  };
  const loaded: string[] = [];
  const deps: RasterDeps = {
    loadImage: async (src) => {
      loaded.push(src);
      return {} as CanvasImageSource;
    },
    createCanvas: () => canvas,
  };
  return { deps, calls, canvas, loaded };
}

describe('svgToPng', () => {
  it('draws the SVG at twice its size over a white background and encodes a PNG', async () => {
    const { deps, calls, canvas, loaded } = fakeDeps();
    const blob = await svgToPng(
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
      { width: 400, height: 300 },
      deps,
    );
    expect(blob).toBe(PNG);
    expect([canvas.width, canvas.height]).toEqual([800, 600]);
    expect(canvas.fills).toEqual(['#ffffff']);
    expect(calls).toEqual(['fill 0,0,800,600', 'draw 0,0,800,600', 'toBlob image/png']);
    expect(loaded[0]).toBe(
      `data:image/svg+xml;charset=utf-8,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"/>')}`,
    );
  });

  it('takes a data URL as it is, another scale, and no background', async () => {
    const { deps, calls, canvas, loaded } = fakeDeps();
    await svgToPng(
      'data:image/svg+xml;base64,AAAA',
      { width: 10.4, height: 20, scale: 3, background: null },
      deps,
    );
    expect(loaded).toEqual(['data:image/svg+xml;base64,AAAA']);
    expect([canvas.width, canvas.height]).toEqual([30, 60]);
    expect(calls).toEqual(['draw 0,0,30,60', 'toBlob image/png']);
  });

  it('fails when the canvas cannot encode', async () => {
    const { deps } = fakeDeps(null);
    await expect(svgToPng('<svg/>', { width: 1, height: 1 }, deps)).rejects.toThrow('PNG');
  });
});

describe('svgDataUrl', () => {
  it('encodes markup (Chinese text included) so an image can load it', () => {
    const url = svgDataUrl('<svg><text>开工</text></svg>');
    expect(url.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    expect(decodeURIComponent(url.split(',')[1]!)).toBe('<svg><text>开工</text></svg>');
  });
});
