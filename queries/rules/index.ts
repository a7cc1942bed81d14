/** The risk rules R01–R12, each declared once. */
import { r01 } from './r01-lagging-execution.ts';
import { r02 } from './r02-year-end-rush.ts';
import { r03 } from './r03-sangong-over-budget.ts';
import { r04 } from './r04-large-personal-transfer.ts';
import { r05 } from './r05-split-payments.ts';
import { r06 } from './r06-duplicate-payment.ts';
import { r07 } from './r07-transfer-late.ts';
import { r08 } from './r08-idle-funds.ts';
import { r09 } from './r09-missing-goal.ts';
import { r10 } from './r10-over-indicator.ts';
import { r11 } from './r11-slow-approval.ts';
import { r12 } from './r12-debt-ratio.ts';
import type { RuleDef } from './define.ts';

export const rules: readonly RuleDef[] = [r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12];
export const ruleById = (id: string): RuleDef | undefined => rules.find((r) => r.id === id);
export * from './define.ts';
export { sangongItems } from './r03-sangong-over-budget.ts';
