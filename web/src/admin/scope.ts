/** A user's scope as typed by an administrator: `CODE`, `CODE:DEPT` (3 digits) or `CODE:AGENCY` (6 digits). */

export type ScopeInput =
  | { kind: 'region'; mofDivCode: string }
  | { kind: 'dept'; mofDivCode: string; deptCode: string }
  | { kind: 'agency'; mofDivCode: string; agencyCode: string };

export type ScopeParse = { ok: true; scope: ScopeInput; key: string } | { ok: false; message: string };

export const scopeFormatHint = '财政区划代码[:部门代码|:单位代码]，如 660100000、660100000:204 或 660100000:204001';

/**
 * Parses what was typed, forgiving what people paste: surrounding spaces, a full-width colon (：) and spaces around
 * the colon. Returns the canonical key the server expects.
 */
export function parseScopeInput(text: string): ScopeParse {
  const s = text.trim().replace(/\s*[:：]\s*/, ':');
  if (s === '') return { ok: false, message: '请填写范围' };
  const m = /^(\d{9})(?::(\d{3}|\d{6}))?$/.exec(s);
  if (!m) return { ok: false, message: `范围格式应为 ${scopeFormatHint}` };
  const [, mof, sub] = m;
  if (!sub) return { ok: true, scope: { kind: 'region', mofDivCode: mof }, key: mof };
  const scope: ScopeInput = sub.length === 3 ? { kind: 'dept', mofDivCode: mof, deptCode: sub } : { kind: 'agency', mofDivCode: mof, agencyCode: sub };
  return { ok: true, scope, key: `${mof}:${sub}` };
}

export const scopeKindLabels: Record<ScopeInput['kind'], string> = { region: '区划', dept: '部门', agency: '单位' };

/** Names found for a scope's parts (any may be unknown). */
export interface ScopeNames {
  region?: string | null;
  dept?: string | null;
  agency?: string | null;
}

/**
 * A scope for people: `第一师（660100000）`, `第一师 · 教育局（660100000:204）`, `第一师 · 第一中学（660100000:204001）`.
 * Without names the codes speak for themselves: `区划 660100000`, `660100000 · 部门 204`.
 */
export function describeScope(key: string, names: ScopeNames = {}): string {
  const p = parseScopeInput(key);
  if (!p.ok) return key;
  const s = p.scope;
  const region = names.region || (s.kind === 'region' ? `区划 ${s.mofDivCode}` : s.mofDivCode);
  if (s.kind === 'region') return names.region ? `${region}（${p.key}）` : region;
  const part = s.kind === 'dept' ? names.dept || `部门 ${s.deptCode}` : names.agency || `单位 ${s.agencyCode}`;
  const named = Boolean(names.region || (s.kind === 'dept' ? names.dept : names.agency));
  return named ? `${region} · ${part}（${p.key}）` : `${region} · ${part}`;
}
