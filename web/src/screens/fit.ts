/** How a 1920×1080 design canvas is fitted to a real screen. */
export type FitMode = 'fit' | 'fill' | 'stretch';
export const fitModes: readonly FitMode[] = ['fit', 'fill', 'stretch'];

export interface Size {
  width: number;
  height: number;
}

/** Where the canvas box goes (whole CSS pixels) and how much its type scales against the design. */
export interface Fitted {
  left: number;
  top: number;
  width: number;
  height: number;
  /** Text and chart scale against the design (1 at 1920×1080). */
  scale: number;
}

/**
 * The canvas box for a viewport. The box is laid out at its real pixel size with type scaled by `scale` — never a CSS
 * zoom of a bitmap — so text and charts stay crisp at 3840×2160.
 * - `fit`: the design's aspect, as large as fits, centred (letterbox or pillarbox bars on other aspects).
 * - `fill`: the whole viewport; type scales by the smaller axis so it always fits, panels reflow wider or taller
 *   (ultrawide and portrait screens use all their pixels).
 * - `stretch`: the whole viewport; type follows the height (as a stretched picture's glyphs would), but never more
 *   than 1.25× the width's scale — so on a portrait screen text is larger than with `fill` and, rows being as tall
 *   as the height allows, it never outgrows them (on wide screens it equals `fill`).
 * Never larger than the viewport, so there is never a scrollbar.
 */
export function fitCanvas(viewport: Size, design: Size, mode: FitMode): Fitted {
  const vw = Math.max(1, Math.floor(viewport.width));
  const vh = Math.max(1, Math.floor(viewport.height));
  const sx = vw / design.width;
  const sy = vh / design.height;
  const min = Math.min(sx, sy);
  if (mode === 'fit') {
    const width = Math.min(vw, Math.floor(design.width * min));
    const height = Math.min(vh, Math.floor(design.height * min));
    return { left: Math.floor((vw - width) / 2), top: Math.floor((vh - height) / 2), width, height, scale: min };
  }
  const scale = mode === 'fill' ? min : Math.min(sy, sx * 1.25);
  return { left: 0, top: 0, width: vw, height: vh, scale };
}

/** The root font size (px) for a scale: the dashboards are drawn in rem, 16 px on the 1920-wide design. */
export const DESIGN_FONT_PX = 16;
export const fontPx = (scale: number) => Math.round(DESIGN_FONT_PX * scale * 100) / 100;
