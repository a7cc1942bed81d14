import { assertDashboard, type Dashboard, type DeclarationError, validateDashboard } from '../define.ts';
import { SCREEN_CANVAS, SCREEN_ROWS } from './canvas.ts';
import { executionScreen } from './execution.ts';
import { overviewScreen } from './overview.ts';
import { riskScreen } from './risk.ts';

/** Checks a screen declaration: a dashboard's checks, plus a 1920×1080 canvas and panels inside its rows. */
export function validateScreen(s: Dashboard): DeclarationError[] {
  const errors = validateDashboard(s);
  if (!s.canvas || s.canvas.width !== SCREEN_CANVAS.width || s.canvas.height !== SCREEN_CANVAS.height) errors.push({ path: 'canvas', message: `a screen is designed on ${SCREEN_CANVAS.width}×${SCREEN_CANVAS.height}` });
  s.panels?.forEach((p, i) => {
    if (p?.layout && p.layout.y + p.layout.h > SCREEN_ROWS) errors.push({ path: `panels[${i}](${p.id}).layout`, message: `extends below the ${SCREEN_ROWS} rows of a screen` });
    if (p?.onClick) errors.push({ path: `panels[${i}](${p.id}).onClick`, message: 'a wall screen has no clicks' });
  });
  return errors;
}

/** The large screens in carousel order, validated when loaded. */
export const screenList: Dashboard[] = [overviewScreen, executionScreen, riskScreen].map((s) => {
  const errors = validateScreen(s);
  if (errors.length) throw new Error(`screen ${s.id}: ${errors.length} error(s)\n${errors.map((e) => `  ${e.path}: ${e.message}`).join('\n')}`);
  return assertDashboard(s);
});

export const screens: Record<string, Dashboard> = Object.fromEntries(screenList.map((s) => [s.id, s]));
export const screenIds = screenList.map((s) => s.id);
export { SCREEN_CANVAS, SCREEN_ROWS };
