/**
 * `npm run cli -- <noun> <verb> [--flags]`. Exit 0 on success, 1 when a check fails, 2 on bad usage.
 *   seed load   [--scale small|bingtuan|province|none] [--seed N] [--as-of yyyy-mm-dd] [--manifest FILE]
 *   cubes build                      build every cube in PostgreSQL and write its Arrow files
 *   cubes refresh --year Y --region CODE|top   rebuild one partition (fiscal year × level-2 region)
 *   users add --username U --password P --role R[,R] --scope CODE[:DEPT|:AGENCY] [--display-name N] [--totp]
 *   users list | users disable --username U | users enable --username U | users reset --username U [--password P]
 *   users set-role --username U --role R[,R] [--scope …]
 *   audit verify                     exit 0 when the log is intact, 1 naming the first bad entry
 *   rules evaluate [--as-of yyyy-mm-dd] [--rule R01,R02] [--concurrency N]   run the risk rules, with a per-rule summary
 *   rules list | rules set --rule R04 --threshold orange_yuan=60000 [--threshold …] | rules holidays --set 2026-10-01:国庆节,…
 *   report monthly --month yyyy-mm --org CODE --out FILE.xlsx|FILE.pdf|FILE.html   the monthly execution analysis report
 *   month close --month yyyy-mm      close a month: archive the report of every configured region (DATA_DIR/reports)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { cubes, isIsoDate, lastCompleteMonthEnd } from '../../queries/index.ts';
import { seedDatabase, type SeedScale } from '../../seed/index.ts';
import { refreshPartition } from './cubes/build.ts';
import { exportAll, rebuildAll } from './cubes/pipeline.ts';
import { migrate } from './db/migrate.ts';
import { openDb } from './db/open.ts';
import { loadEnv } from './env.ts';
import { cubeStoreFor } from './pipeline.ts';
import { consoleProgress } from './progress.ts';
import { join } from 'node:path';
import { AuditLog } from './audit/log.ts';
import { verifyAudit } from './audit/verify.ts';
import { randomPassword } from './auth/password.ts';
import { parseScope } from './auth/scope.ts';
import { newTotpSecret, totpUri } from './auth/totp.ts';
import { createUser, findUser, listUsers, needsTotp, parseRoles, publicUser, updateUser, UserError } from './auth/users.ts';
import type { Db } from './db/types.ts';
import { readDataAsOf } from './cubes/build.ts';
import { rebuildWarningCubes } from './cubes/pipeline.ts';
import { ruleById, rules } from '../../queries/rules/index.ts';
import { evaluateRules } from './warnings/evaluate.ts';
import type { ReportFormat } from './reports/archive.ts';
import { loadHolidays, loadRuleSettings, setHolidays, SettingError, updateRuleSettings } from './warnings/settings.ts';

class UsageError extends Error {}

const USAGE = `用法 / usage: npm run cli -- <noun> <verb> [--flags]
  seed load [--scale small|bingtuan|province|none] [--seed N] [--as-of yyyy-mm-dd] [--manifest FILE]
  cubes build
  cubes refresh --year YYYY --region <mof_div_code of a level-2 region | top>
  users add --username U --password P --role R[,R] --scope CODE[:DEPT|:AGENCY] [--display-name N] [--totp]
  users list | users disable --username U | users enable --username U
  users reset --username U [--password P] | users set-role --username U --role R[,R] [--scope S]
  audit verify
  rules evaluate [--as-of yyyy-mm-dd] [--rule R01,R02] [--concurrency N]
  rules list | rules set --rule R04 --threshold key=value [--threshold …] [--enabled true|false]
  rules holidays --set yyyy-mm-dd:名称,yyyy-mm-dd:名称 | rules holidays
  report monthly --month yyyy-mm --org CODE --out FILE.xlsx|FILE.pdf|FILE.html
  month close --month yyyy-mm`;

async function main(argv: string[]): Promise<number> {
  const [noun, verb, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      'as-of': { type: 'string' },
      manifest: { type: 'string' },
      year: { type: 'string' },
      region: { type: 'string' },
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      'display-name': { type: 'string' },
      totp: { type: 'boolean' },
      rule: { type: 'string' },
      concurrency: { type: 'string' },
      threshold: { type: 'string', multiple: true },
      enabled: { type: 'string' },
      set: { type: 'string' },
      month: { type: 'string' },
      org: { type: 'string' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const env = loadEnv();
  const progress = consoleProgress();
  const command = `${noun ?? ''} ${verb ?? ''}`.trim();
  const known = ['seed load', 'cubes build', 'cubes refresh', 'users add', 'users list', 'users disable', 'users enable', 'users reset', 'users set-role', 'audit verify', 'rules evaluate', 'rules list', 'rules set', 'rules holidays', 'report monthly', 'month close'];
  if (!known.includes(command)) throw new UsageError(command ? `unknown command: ${command}` : 'missing command');
  if (noun === 'rules') {
    const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await migrate(db);
      return await rulesCommand(db, verb!, values as Flags, env, progress);
    } finally {
      await db.close();
    }
  }
  if (noun === 'report' || noun === 'month') {
    const flags = reportFlags(command, values as Flags);
    const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await migrate(db);
      return await reportCommand(db, flags, env, progress);
    } finally {
      await db.close();
    }
  }
  if (noun === 'users' || noun === 'audit') {
    const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
    try {
      await migrate(db);
      return noun === 'users' ? await usersCommand(db, verb!, values, env.DATA_DIR) : await auditCommand(db, env.DATA_DIR);
    } finally {
      await db.close();
    }
  }

  const db = openDb({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR });
  try {
    await migrate(db);
    const store = cubeStoreFor(env.DATA_DIR);
    if (command === 'seed load') {
      const scale = (values.scale ?? env.SEED_SCALE) as SeedScale;
      if (!['small', 'bingtuan', 'province', 'none'].includes(scale)) throw new UsageError(`--scale: expected small|bingtuan|province|none, got ${scale}`);
      const seed = values.seed !== undefined ? Number(values.seed) : env.SEED;
      if (!Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${values.seed}`);
      const asOf = values['as-of'] ?? env.SEED_AS_OF ?? lastCompleteMonthEnd(new Date(), env.APP_TIME_ZONE);
      if (!isIsoDate(asOf)) throw new UsageError(`--as-of: expected yyyy-mm-dd, got ${asOf}`);
      const manifest = await seedDatabase(db, { scale, seed, asOf, timeProgressBasis: env.TIME_PROGRESS_BASIS }, progress);
      for (const [table, n] of Object.entries(manifest.counts)) progress.log(`  ${table.padEnd(16)} ${n}`);
      const byRule = new Map<string, number>();
      for (const v of manifest.violations) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
      progress.log(`  planted violations: ${[...byRule].map(([r, n]) => `${r}=${n}`).join(' ')}; near-misses: ${manifest.nearMisses.length}`);
      if (values.manifest) writeFileSync(values.manifest, JSON.stringify(manifest, null, 2));
      await rebuildAll(db, store, progress);
    } else if (command === 'cubes build') {
      await rebuildAll(db, store, progress);
    } else {
      const year = Number(values.year);
      if (!Number.isInteger(year) || year < 1990 || year > 2100) throw new UsageError('--year: expected a fiscal year such as 2026');
      const region = values.region;
      if (!region || !(region === 'top' || /^\d{9}$/.test(region))) throw new UsageError('--region: expected a 9-digit mof_div_code or "top"');
      const r = await refreshPartition(db, cubes.execution, { fiscal_year: year, lvl2_code: region === 'top' ? null : region });
      progress.log(`execution cube partition ${year} × ${region} rebuilt: version ${r.version}, ${r.rowCount} rows in all`);
      await exportAll(db, store, progress);
    }
    return 0;
  } finally {
    await db.close();
  }
}

type Flags = Record<string, string | string[] | boolean | undefined>;

function need(values: Flags, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || !v) throw new UsageError(`--${name} is required`);
  return v;
}

async function usersCommand(db: Db, verb: string, values: Flags, dataDir: string): Promise<number> {
  const audit = new AuditLog(db, { anchorPath: join(dataDir, 'audit', 'audit-anchor.json') });
  const actor = { username: `cli:${process.env.USER ?? 'local'}`, address: 'cli' };
  try {
    if (verb === 'list') {
      for (const u of (await listUsers(db)).map(publicUser)) {
        console.log([u.username.padEnd(16), u.roles.join(',').padEnd(16), u.scope.padEnd(18), u.disabled ? '停用' : '启用', u.totpEnabled ? 'TOTP' : '-'].join(' '));
      }
      return 0;
    }
    const username = need(values, 'username');
    if (verb === 'add') {
      let scope;
      try {
        scope = parseScope(need(values, 'scope'));
      } catch (e) {
        throw new UsageError(`--scope: ${(e as Error).message}`);
      }
      const roles = parseRoles(need(values, 'role'));
      const secret = values.totp || needsTotp(roles) ? newTotpSecret() : null;
      const u = await createUser(db, { username, password: need(values, 'password'), roles, scope, displayName: values['display-name'] as string | undefined, totpSecret: secret });
      await audit.append({ ...actor, action: 'user.create', target: u.username, detail: { roles, scope: values.scope } });
      console.log(`已创建用户 ${u.username}（${roles.join(',')}，范围 ${values.scope}）`);
      if (secret) console.log(`动态口令（TOTP）登记地址，请用认证器扫描：${totpUri(secret, u.username)}`);
      return 0;
    }
    const user = await findUser(db, { username });
    if (!user) throw new UsageError(`no such user: ${username}`);
    const id = String(user.user_id);
    if (verb === 'disable' || verb === 'enable') {
      await updateUser(db, id, { disabled: verb === 'disable' });
      await audit.append({ ...actor, action: `user.${verb}`, target: username });
      console.log(`${username} ${verb === 'disable' ? '已停用' : '已启用'}`);
    } else if (verb === 'reset') {
      const password = (values.password as string | undefined) ?? randomPassword();
      await updateUser(db, id, { password });
      await audit.append({ ...actor, action: 'user.reset_password', target: username });
      console.log(values.password ? `${username} 的密码已重置` : `${username} 的新密码（只显示一次）：${password}`);
    } else if (verb === 'set-role') {
      const roles = parseRoles(need(values, 'role'));
      const scope = values.scope ? parseScope(values.scope as string) : undefined;
      await updateUser(db, id, { roles, scope });
      await audit.append({ ...actor, action: 'user.set_role', target: username, detail: { roles, scope: values.scope ?? null } });
      console.log(`${username} 的角色已改为 ${roles.join(',')}${scope ? `，范围 ${values.scope}` : ''}`);
    }
    return 0;
  } catch (e) {
    if (e instanceof UserError) throw new UsageError(`--${e.field === 'roles' ? 'role' : e.field}: ${e.message}`);
    throw e;
  } finally {
    await audit.flush();
  }
}

async function rulesCommand(db: Db, verb: string, values: Flags & { threshold?: string[] }, env: ReturnType<typeof loadEnv>, progress: ReturnType<typeof consoleProgress>): Promise<number> {
  const audit = new AuditLog(db, { anchorPath: join(env.DATA_DIR, 'audit', 'audit-anchor.json') });
  const actor = { username: `cli:${process.env.USER ?? 'local'}`, address: 'cli' };
  try {
    if (verb === 'evaluate') {
      const asOf = (values['as-of'] as string | undefined) ?? (await readDataAsOf(db));
      if (!asOf || !isIsoDate(asOf)) throw new UsageError(`--as-of: expected yyyy-mm-dd${asOf ? `, got ${asOf}` : ' (no data yet)'}`);
      const only = values.rule ? String(values.rule).split(',').map((x) => x.trim()) : undefined;
      for (const id of only ?? []) if (!ruleById(id)) throw new UsageError(`--rule: unknown rule ${id}`);
      const concurrency = values.concurrency !== undefined ? Number(values.concurrency) : undefined;
      if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) throw new UsageError(`--concurrency: expected an integer from 1 to 64, got ${values.concurrency}`);
      const r = await evaluateRules(db, { asOf, only, concurrency, timeZone: env.APP_TIME_ZONE, timeProgressBasis: env.TIME_PROGRESS_BASIS, progress });
      console.log(`规则评估 截至 ${asOf}${r.persisted ? '' : '（早于最近一次评估：仅报告，不改写当前预警）'}，用时 ${(r.ms / 1000).toFixed(1)} s`);
      console.log('rule  hits  red orange yellow  new resolved   ms');
      for (const x of r.rules) {
        const b = x.bySeverity;
        console.log(`${x.rule}  ${x.skipped ? x.skipped.padEnd(40) : `${String(x.hits).padStart(4)}  ${String(b.red ?? 0).padStart(3)} ${String(b.orange ?? 0).padStart(6)} ${String(b.yellow ?? 0).padStart(6)} ${String(x.added).padStart(4)} ${String(x.resolved).padStart(8)}`} ${String(x.ms).padStart(5)}`);
      }
      await audit.append({ ...actor, action: 'rules.evaluate', target: asOf, detail: { rules: r.rules.map((x) => ({ rule: x.rule, hits: x.hits })) } });
      if (r.persisted) await rebuildWarningCubes(db, cubeStoreFor(env.DATA_DIR), progress);
      return 0;
    }
    if (verb === 'list') {
      const settings = await loadRuleSettings(db);
      for (const rule of rules) {
        const s = settings.get(rule.id)!;
        console.log(`${rule.id} ${rule.name.zh}${s.enabled ? '' : '（已停用）'}  ${Object.entries(s.thresholds).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      }
      console.log(`节假日：${(await loadHolidays(db)).join(', ') || '（无）'}`);
      return 0;
    }
    if (verb === 'set') {
      const rule = ruleById(need(values, 'rule'));
      if (!rule) throw new UsageError(`--rule: unknown rule ${values.rule}`);
      const thresholds: Record<string, number> = {};
      for (const t of values.threshold ?? []) {
        const m = /^([a-z_]+)=(-?\d+(?:\.\d+)?)$/.exec(t);
        if (!m) throw new UsageError(`--threshold: expected key=number, got ${t}`);
        thresholds[m[1]] = Number(m[2]);
      }
      const enabled = values.enabled === undefined ? undefined : values.enabled === 'true';
      try {
        const change = await updateRuleSettings(db, rule, { thresholds, enabled }, actor.username);
        await audit.append({ ...actor, action: 'rule.thresholds', target: rule.id, detail: change });
        console.log(`${rule.id} ${rule.name.zh}：${Object.entries(change.after.thresholds).map(([k, v]) => `${k}=${v}`).join(' ')}（下次评估生效）`);
      } catch (e) {
        if (e instanceof SettingError) throw new UsageError(`--threshold: ${e.message}`);
        throw e;
      }
      return 0;
    }
    if (verb === 'holidays') {
      if (values.set !== undefined) {
        const items = String(values.set).split(',').filter(Boolean).map((x) => {
          const [day, name = '节假日'] = x.split(':');
          if (!isIsoDate(day)) throw new UsageError(`--set: ${day} is not a yyyy-mm-dd date`);
          return { day, name };
        });
        const before = await loadHolidays(db);
        await setHolidays(db, items);
        await audit.append({ ...actor, action: 'rule.holidays', target: 'R11', detail: { before, after: items.map((i) => i.day) } });
      }
      console.log(`节假日：${(await loadHolidays(db)).join(', ') || '（无）'}`);
      return 0;
    }
    return 2;
  } finally {
    await audit.flush();
  }
}

type ReportFlags = { command: 'month close'; month: string } | { command: 'report monthly'; month: string; org: string; out: string; format: ReportFormat };

/** The flags of `report monthly` and `month close`, checked before opening the database. */
function reportFlags(command: string, values: Flags): ReportFlags {
  const month = need(values, 'month');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--month: expected yyyy-mm, got ${month}`);
  if (command !== 'report monthly') return { command: 'month close', month };
  const org = need(values, 'org');
  if (!/^\d{9}$/.test(org)) throw new UsageError(`--org: expected a 9-digit mof_div_code, got ${org}`);
  const out = need(values, 'out');
  const ext = /\.(xlsx|pdf|html)$/i.exec(out);
  if (!ext) throw new UsageError('--out: the file name must end in .xlsx, .pdf or .html');
  return { command, month, org, out, format: ext[1].toLowerCase() as ReportFormat };
}

async function reportCommand(db: Db, flags: ReportFlags, env: ReturnType<typeof loadEnv>, progress: ReturnType<typeof consoleProgress>): Promise<number> {
  const { month } = flags;
  const dataAsOf = await readDataAsOf(db);
  if (!dataAsOf) throw new UsageError('--month: no data yet (run seed load or cubes build first)');
  const audit = new AuditLog(db, { anchorPath: join(env.DATA_DIR, 'audit', 'audit-anchor.json') });
  const actor = { username: `cli:${process.env.USER ?? 'local'}`, address: 'cli' };
  // Loaded here, not at the top: the report code (exceljs, ECharts, playwright) would add ~2 s to every CLI command.
  const [{ closeMonth, listArchive, monthKeyOf, MonthCloseError, renderReport, ReportQueue }, { ReportInputError }, { PdfUnavailableError }] = await Promise.all([
    import('./reports/archive.ts'),
    import('./reports/figures.ts'),
    import('./reports/pdf.ts'),
  ]);
  try {
    if (flags.command === 'report monthly') {
      const { org, out, format } = flags;
      let r;
      try {
        r = await renderReport(db, { org, month: monthKeyOf(month), dataAsOf, format, basis: env.TIME_PROGRESS_BASIS });
      } catch (e) {
        if (e instanceof ReportInputError) throw new UsageError(`--${e.field}: ${e.message}`);
        if (e instanceof PdfUnavailableError) throw new UsageError(`--out: ${e.message}`);
        throw e;
      }
      writeFileSync(out, r.body);
      await audit.append({ ...actor, action: 'report.create', target: `${org}:${month}.${format}`, detail: { org, month, format, dataAsOf, bytes: r.body.length } });
      progress.log(`${r.name} → ${out}（${r.body.length} 字节）`);
      return 0;
    }
    let closed;
    try {
      closed = await closeMonth(db, { month: monthKeyOf(month), by: actor.username, dataAsOf, at: new Date() });
    } catch (e) {
      if (e instanceof MonthCloseError) throw new UsageError(`--month: ${e.message}`);
      throw e;
    }
    await audit.append({ ...actor, action: 'month.close', target: month, detail: { regions: closed.regions, reportIds: closed.ids, dataAsOf } });
    const queue = new ReportQueue({ db, dir: join(env.DATA_DIR, 'reports'), basis: env.TIME_PROGRESS_BASIS, dataAsOf: () => dataAsOf, audit });
    queue.enqueue(closed.ids);
    await queue.settle();
    const rows = (await listArchive(db, { month: monthKeyOf(month) })).filter((x) => closed.ids.includes(String(x.report_id)));
    let failed = 0;
    for (const x of rows) {
      if (x.status === 'failed') failed++;
      console.log(`${x.mof_div_code} ${x.mof_div_name.padEnd(10)} ${x.status === 'done' ? '已生成' : '失败'} ${x.xlsx_path ?? ''} ${x.pdf_path ?? ''} ${x.error ?? ''}`.trimEnd());
    }
    console.log(`${month} 已月结（数据截至 ${dataAsOf}）：${rows.length - failed} 份报告已归档${failed ? `，${failed} 份失败` : ''}`);
    return failed ? 1 : 0;
  } finally {
    await audit.flush();
  }
}

async function auditCommand(db: Db, dataDir: string): Promise<number> {
  const r = await verifyAudit(db, join(dataDir, 'audit', 'audit-anchor.json'));
  console.log(r.message);
  if (!r.ok) console.log(`first bad entry id: ${r.firstBadId} (${r.problem})`);
  return r.ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith?.('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(`失败 / failed: ${err?.message ?? err}`);
    process.exit(1);
  },
);
