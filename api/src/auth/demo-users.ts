import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditLog } from '../audit/log.ts';
import type { Db } from '../db/types.ts';
import type { Progress } from '../progress.ts';
import { randomPassword } from './password.ts';
import type { Role } from './roles.ts';
import type { Scope } from './scope.ts';
import { newTotpSecret, totpUri } from './totp.ts';
import { createUser } from './users.ts';

/**
 * On a fresh install, creates demo users for each business role at several scopes (HQ, a division, a regiment, a
 * department, a unit) plus an administrator and an auditor (with TOTP), with random passwords printed once and
 * written to DATA_DIR/demo-users.txt (mode 600).
 */
export async function ensureDemoUsers(db: Db, dataDir: string, audit: AuditLog, progress: Progress): Promise<void> {
  const [{ n }] = await db.query<{ n: string }>('SELECT count(*) AS n FROM app_user');
  if (Number(n) > 0) return;
  const top = (await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE parent_code IS NULL ORDER BY mof_div_code LIMIT 1'))[0];
  if (!top) {
    progress.log('没有财政区划数据，暂不创建演示用户（导入区划后用 npm run cli -- users add 创建）');
    return;
  }
  const div = (await db.query<{ mof_div_code: string; mof_div_name: string }>(
    `SELECT r.mof_div_code, r.mof_div_name FROM region r WHERE r.parent_code = $1 AND EXISTS (SELECT 1 FROM region c WHERE c.parent_code = r.mof_div_code) ORDER BY r.mof_div_code LIMIT 1 OFFSET 0`,
    [top.mof_div_code],
  ))[0];
  const reg = div && (await db.query<{ mof_div_code: string }>('SELECT mof_div_code FROM region WHERE parent_code = $1 ORDER BY mof_div_code LIMIT 1', [div.mof_div_code]))[0];
  const unit = (await db.query<{ mof_div_code: string; agency_code: string; dept_code: string }>(
    'SELECT mof_div_code, agency_code, dept_code FROM agency WHERE mof_div_code = $1 ORDER BY agency_code LIMIT 1',
    [reg?.mof_div_code ?? div?.mof_div_code ?? top.mof_div_code],
  ))[0];
  const hq: Scope = { kind: 'region', mofDivCode: top.mof_div_code };
  const plan: Array<{ username: string; displayName: string; roles: Role[]; scope: Scope; totp?: boolean }> = [
    { username: 'admin', displayName: '系统管理员', roles: ['admin'], scope: hq, totp: true },
    { username: 'auditor', displayName: '安全审计员', roles: ['auditor'], scope: hq, totp: true },
    { username: 'hq_leader', displayName: '兵团领导', roles: ['leader'], scope: hq },
    { username: 'hq_analyst', displayName: '兵团分析员', roles: ['analyst'], scope: hq },
    { username: 'hq_viewer', displayName: '兵团查看者', roles: ['viewer'], scope: hq },
  ];
  if (div) {
    plan.push({ username: 'div_leader', displayName: `${div.mof_div_name}领导`, roles: ['leader'], scope: { kind: 'region', mofDivCode: div.mof_div_code } });
    plan.push({ username: 'div_analyst', displayName: `${div.mof_div_name}分析员`, roles: ['analyst'], scope: { kind: 'region', mofDivCode: div.mof_div_code } });
  }
  if (reg) plan.push({ username: 'reg_analyst', displayName: '团场分析员', roles: ['analyst'], scope: { kind: 'region', mofDivCode: reg.mof_div_code } });
  if (unit) {
    plan.push({ username: 'dept_viewer', displayName: '部门查看者', roles: ['viewer'], scope: { kind: 'dept', mofDivCode: unit.mof_div_code, deptCode: unit.dept_code } });
    plan.push({ username: 'unit_viewer', displayName: '单位查看者', roles: ['viewer'], scope: { kind: 'agency', mofDivCode: unit.mof_div_code, agencyCode: unit.agency_code } });
  }
  const lines = ['# 财政驾驶舱演示用户 / demo users — 仅显示一次，请妥善保管并尽快修改密码', '# username\trole\tscope\tpassword\ttotp'];
  for (const p of plan) {
    const password = randomPassword();
    const secret = p.totp ? newTotpSecret() : null;
    await createUser(db, { username: p.username, displayName: p.displayName, password, roles: p.roles, scope: p.scope, totpSecret: secret });
    const scope = p.scope.kind === 'region' ? p.scope.mofDivCode : p.scope.kind === 'dept' ? `${p.scope.mofDivCode}:${p.scope.deptCode}` : `${p.scope.mofDivCode}:${p.scope.agencyCode}`;
    lines.push([p.username, p.roles.join(','), scope, password, secret ? totpUri(secret, p.username) : '-'].join('\t'));
    await audit.append({ username: 'system', action: 'user.create', target: p.username, detail: { roles: p.roles, scope, demo: true } });
  }
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'demo-users.txt');
  writeFileSync(file, lines.join('\n') + '\n', { mode: 0o600 });
  progress.log(`已创建演示用户（密码只显示这一次，另存于 ${file}）：\n${lines.slice(1).join('\n')}`);
}
