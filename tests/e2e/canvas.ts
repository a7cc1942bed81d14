import type { Page } from 'playwright-core';

export interface CanvasInk {
  width: number;
  height: number;
  /** Pixels that are neither transparent nor near-white. */
  inked: number;
  /** Pixels within a small distance of `color`. */
  colorHits: number;
}

/**
 * Reads back the pixels of the (first) canvas inside `selector`: proof that ECharts drew something, and in which
 * colour, without reaching into the page's JavaScript.
 */
export async function canvasInk(page: Page, selector: string, color: string): Promise<CanvasInk> {
  return page.evaluate(
    ({ selector, color }) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`${selector} canvas`);
      if (!canvas) return { width: 0, height: 0, inked: 0, colorHits: 0 };
      const ctx = canvas.getContext('2d')!;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      const want = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
      let inked = 0;
      let colorHits = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
        if (a < 200) continue;
        if (r < 240 || g < 240 || b < 240) inked++;
        if (Math.abs(r - want[0]) + Math.abs(g - want[1]) + Math.abs(b - want[2]) < 24) colorHits++;
      }
      return { width: canvas.width, height: canvas.height, inked, colorHits };
    },
    { selector, color },
  );
}

/**
 * The text of the chart's visible tooltip (ECharts renders it as a div inside the chart's container) that contains
 * `needle`, or ''.
 */
export async function visibleTooltip(page: Page, selector: string, needle = '预算执行率：'): Promise<string> {
  return page.evaluate(
    ({ selector, needle }) => {
      const root = document.querySelector(selector);
      if (!root) return '';
      for (const el of root.querySelectorAll<HTMLElement>('div')) {
        const st = getComputedStyle(el);
        if (el.querySelector('canvas') || st.display === 'none' || st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
        if (el.innerText.includes(needle)) return el.innerText;
      }
      return '';
    },
    { selector, needle },
  );
}
