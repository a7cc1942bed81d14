/** Rule thresholds as number inputs: units for people, parsing and range checks before a save. */

export interface ThresholdDef {
  key: string;
  label: { zh: string; en?: string };
  unit: 'yuan' | 'pp' | 'ratio' | 'days' | 'hours' | 'count' | string;
  default: number;
  min: number;
  max: number;
  value: number;
}

const unitLabels: Record<string, string> = { yuan: '元', pp: '个百分点', ratio: '比值', days: '天', hours: '小时', count: '' };

export function unitLabel(unit: string): string {
  return unitLabels[unit] ?? unit;
}

const plain = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 6, useGrouping: true });

/** `1,000,000` — thresholds are at most a few decimals; 1e12 stays readable. */
export function formatThreshold(v: number): string {
  return plain.format(v);
}

/** `范围 0 – 1 比值（0.25 即 25%）` */
export function rangeHint(t: ThresholdDef): string {
  const u = unitLabel(t.unit);
  const base = `范围 ${formatThreshold(t.min)} – ${formatThreshold(t.max)}${u ? ` ${u}` : ''}，默认 ${formatThreshold(t.default)}`;
  return t.unit === 'ratio' ? `${base}（0.25 即 25%）` : base;
}

export type ThresholdParse = { ok: true; value: number } | { ok: false; message: string };

/** Parses an input's text (thousands separators allowed) and checks it against the threshold's range. */
export function parseThreshold(text: string, t: Pick<ThresholdDef, 'min' | 'max' | 'label'>): ThresholdParse {
  const s = text.trim().replace(/[,，\s]/g, '');
  if (s === '') return { ok: false, message: '请填写数值' };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { ok: false, message: '请输入数字' };
  const value = Number(s);
  if (!Number.isFinite(value)) return { ok: false, message: '请输入数字' };
  if (value < t.min || value > t.max) return { ok: false, message: `${t.label.zh}应在 ${formatThreshold(t.min)} 与 ${formatThreshold(t.max)} 之间` };
  return { ok: true, value };
}

/** The thresholds whose parsed value differs from the saved one, for `PUT /api/rules/:id`. */
export function changedThresholds(saved: readonly ThresholdDef[], values: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of saved) if (values[t.key] !== undefined && values[t.key] !== t.value) out[t.key] = values[t.key];
  return out;
}
