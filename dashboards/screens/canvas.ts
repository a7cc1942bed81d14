/** Large screens are designed on a 1920×1080 canvas and fitted to the real screen (see web/src/screens/fit.ts). */
export const SCREEN_CANVAS = { width: 1920, height: 1080 } as const;

/** Rows of the screen grid below the title bar (the 24 columns are the dashboards'). */
export const SCREEN_ROWS = 12;
