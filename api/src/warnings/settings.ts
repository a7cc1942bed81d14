import { rules, type RuleDef } from '../../../queries/rules/index.ts';
import type { Queryable } from '../db/types.ts';

export interface RuleSettings {
  thresholds: Record<string, number>;
  enabled: boolean;
}

/** Thresholds in force for each rule: the stored ones over the declared defaults. */
export async function loadRuleSettings(db: Queryable): Promise<Map<string, RuleSettings>> {
  const stored = await db.query<{ rule_id: string; thresholds: Record<string, number>; enabled: boolean }>('SELECT rule_id, thresholds, enabled FROM rule_setting');
  const byId = new Map(stored.map((s) => [s.rule_id, s]));
  return new Map(
    rules.map((r) => {
      const s = byId.get(r.id);
      const thresholds = Object.fromEntries(r.thresholds.map((t) => [t.key, s?.thresholds?.[t.key] ?? t.default]));
      return [r.id, { thresholds, enabled: s?.enabled ?? true }];
    }),
  );
}

export class SettingError extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** Validates and stores new thresholds for a rule; returns the before/after values for the audit entry. */
export async function updateRuleSettings(db: Queryable, rule: RuleDef, change: { thresholds?: Record<string, number>; enabled?: boolean }, by: string) {
  const current = (await loadRuleSettings(db)).get(rule.id)!;
  const next = { ...current.thresholds };
  for (const [k, v] of Object.entries(change.thresholds ?? {})) {
    const t = rule.thresholds.find((x) => x.key === k);
    if (!t) throw new SettingError(`${rule.id} 没有阈值 ${k}`, `thresholds.${k}`);
    if (typeof v !== 'number' || !Number.isFinite(v) || v < t.min || v > t.max) throw new SettingError(`${t.label.zh} 应在 ${t.min} 与 ${t.max} 之间`, `thresholds.${k}`);
    next[k] = v;
  }
  const enabled = change.enabled ?? current.enabled;
  await db.query(
    `INSERT INTO rule_setting (rule_id, thresholds, enabled, updated_by, updated_at) VALUES ($1, $2, $3, $4, now())
     ON CONFLICT (rule_id) DO UPDATE SET thresholds = EXCLUDED.thresholds, enabled = EXCLUDED.enabled, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [rule.id, JSON.stringify(next), enabled, by],
  );
  return { before: current, after: { thresholds: next, enabled } };
}

export async function loadHolidays(db: Queryable): Promise<string[]> {
  return (await db.query<{ day: string }>('SELECT day FROM holiday ORDER BY day')).map((r) => r.day);
}

/** Replaces the holiday list (R11) in one statement pair. */
export async function setHolidays(db: Queryable, days: Array<{ day: string; name: string }>): Promise<void> {
  await db.query('DELETE FROM holiday');
  if (days.length) {
    await db.query(
      `INSERT INTO holiday (day, name) SELECT * FROM unnest($1::date[], $2::text[])`,
      [days.map((d) => d.day), days.map((d) => d.name)],
    );
  }
}
