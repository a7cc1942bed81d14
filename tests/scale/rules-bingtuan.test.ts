// At the reference scale (bingtuan: 1 + 14 + 149 regions, ~4,500 units, ~1.5 M payments a year): every planted
// violation is found with its severity and no planted near-miss is flagged. Run by `npm run test:scale` (CI runs it on
// the PostgreSQL server); it needs a few minutes, so it is not part of `npm test`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../api/src/db/types.ts';
import { evaluateRules, type EvaluationResult } from '../../api/src/warnings/evaluate.ts';
import { rules } from '../../queries/rules/index.ts';
import { seedDatabase, type SeedManifest } from '../../seed/index.ts';
import { openTestDb } from '../support/db.ts';

let db: Db;
let manifest: SeedManifest;
let result: EvaluationResult;

beforeAll(async () => {
  db = await openTestDb();
  manifest = await seedDatabase(db, { scale: 'bingtuan', seed: 20261, asOf: '2026-10-31' });
  await db.exec('ANALYZE');
  result = await evaluateRules(db, { asOf: '2026-10-31' });
}, 1_200_000);
afterAll(async () => {
  await db?.close();
});

describe('rules at bingtuan scale', () => {
  it('find every planted violation with its severity and flag no near-miss', async () => {
    const hits = await db.query<{ rule_id: string; hit_key: string; severity: string }>('SELECT rule_id, hit_key, severity FROM warning WHERE resolved_at IS NULL');
    const got = new Map(hits.map((h) => [`${h.rule_id} ${h.hit_key}`, h.severity]));
    const missing = manifest.violations.filter((v) => got.get(`${v.rule} ${v.key}`) !== v.severity).map((v) => `${v.rule} ${v.key} ${v.severity} → ${got.get(`${v.rule} ${v.key}`) ?? 'none'}`);
    const flaggedNear = manifest.nearMisses.filter((n) => got.has(`${n.rule} ${n.key}`)).map((n) => `${n.rule} ${n.key}`);
    expect(missing).toEqual([]);
    expect(flaggedNear).toEqual([]);
    for (const rule of rules) expect(manifest.violations.filter((v) => v.rule === rule.id).length, rule.id).toBeGreaterThanOrEqual(2);
    // The background is clean too: nothing beyond the manifest.
    const planted = new Set(manifest.violations.map((v) => `${v.rule} ${v.key}`));
    expect([...got.keys()].filter((k) => !planted.has(k))).toEqual([]);
    console.log(`bingtuan rule hits: ${result.rules.map((r) => `${r.rule}=${r.hits}`).join(' ')}; evaluation ${result.ms} ms`);
  });
});
