import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../db/types.ts';
import { GENESIS, entryHash, hashAlgos, type HashAlgo } from './chain.ts';
import type { Anchor } from './log.ts';

export interface VerifyResult {
  ok: boolean;
  entries: number;
  lastId: number;
  /** The first entry (by id) that was altered, removed or reordered; with the tail, the first id missing. */
  firstBadId?: number;
  problem?: 'altered' | 'removed' | 'reordered' | 'truncated' | 'head_mismatch';
  message: string;
}

const BATCH = 5000;

/** Recomputes the whole chain, checks ids run 1, 2, 3 … and that the anchored (id, hash) is still there. */
export async function verifyAudit(db: Db, anchorPath?: string): Promise<VerifyResult> {
  let prevId = 0;
  let prevHash = GENESIS;
  let entries = 0;
  let afterId = 0;
  for (;;) {
    const rows = await db.query<{
      id: string; at: string; user_id: string | null; username: string | null; scope: string | null; action: string; target: string | null;
      address: string | null; outcome: string; detail: Record<string, unknown>; algo: HashAlgo; prev_hash: string; hash: string;
    }>(
      `SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, user_id, username, scope, action, target, address,
              outcome, detail, algo, prev_hash, hash
         FROM audit_log WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
      [afterId],
    );
    for (const r of rows) {
      const id = Number(r.id);
      if (id !== prevId + 1) {
        return { ok: false, entries, lastId: prevId, firstBadId: prevId + 1, problem: 'removed', message: `审计日志第 ${prevId + 1} 条被删除（${prevId} 之后直接是 ${id}）` };
      }
      const algo = hashAlgos.includes(r.algo) ? r.algo : 'sha256';
      const detail = typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail;
      const recomputed = entryHash(algo, r.prev_hash, {
        id, at: r.at, userId: r.user_id === null ? null : String(r.user_id), username: r.username, scope: r.scope, action: r.action,
        target: r.target, address: r.address, outcome: r.outcome, detail,
      });
      if (recomputed !== r.hash) return { ok: false, entries, lastId: prevId, firstBadId: id, problem: 'altered', message: `审计日志第 ${id} 条内容被篡改` };
      if (r.prev_hash !== prevHash) return { ok: false, entries, lastId: prevId, firstBadId: id, problem: 'reordered', message: `审计日志第 ${id} 条与前一条不相衔接（被移动或重排）` };
      prevId = id;
      prevHash = r.hash;
      entries++;
    }
    if (rows.length < BATCH) break;
    afterId = prevId;
  }
  const [head] = await db.query<{ last_id: string; last_hash: string }>('SELECT last_id, last_hash FROM audit_head WHERE one');
  if (anchorPath && existsSync(anchorPath)) {
    const anchor = JSON.parse(readFileSync(anchorPath, 'utf8')) as Anchor;
    if (anchor.id > prevId) {
      return { ok: false, entries, lastId: prevId, firstBadId: prevId + 1, problem: 'truncated', message: `审计日志末尾被截断：锚点记录到第 ${anchor.id} 条，表中只到第 ${prevId} 条` };
    }
    const [at] = await db.query<{ hash: string }>('SELECT hash FROM audit_log WHERE id = $1', [anchor.id]);
    if (!at || at.hash !== anchor.hash) {
      return { ok: false, entries, lastId: prevId, firstBadId: anchor.id, problem: 'altered', message: `审计日志第 ${anchor.id} 条与外部锚点不符` };
    }
  }
  if (head && Number(head.last_id) > prevId) {
    return { ok: false, entries, lastId: prevId, firstBadId: prevId + 1, problem: 'truncated', message: `审计日志末尾被截断：链头记录到第 ${head.last_id} 条，表中只到第 ${prevId} 条` };
  }
  if (head && Number(head.last_id) === prevId && prevId > 0 && head.last_hash !== prevHash) {
    return { ok: false, entries, lastId: prevId, firstBadId: prevId, problem: 'head_mismatch', message: `审计日志第 ${prevId} 条与链头不符` };
  }
  return { ok: true, entries, lastId: prevId, message: `审计日志完整：${entries} 条，链尾第 ${prevId} 条` };
}
