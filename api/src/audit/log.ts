import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from '../db/types.ts';
import { entryHash, type AuditContent, type HashAlgo } from './chain.ts';

export interface AuditEvent {
  userId?: string | null;
  username?: string | null;
  scope?: string | null;
  action: string;
  target?: string | null;
  address?: string | null;
  outcome?: 'ok' | 'denied' | 'failed';
  detail?: Record<string, unknown>;
}

export interface AuditOptions {
  algo?: HashAlgo;
  /** Where the latest (id, hash) is anchored outside the table; rotated daily. */
  anchorPath?: string;
  clock?: () => Date;
  /** How long appends wait to be committed together. */
  flushMs?: number;
  maxBatch?: number;
}

export interface Anchor {
  id: number;
  hash: string;
  algo: HashAlgo;
  at: string;
}

type Pending = { event: AuditEvent; at: Date; resolve: () => void; reject: (e: unknown) => void };

/**
 * The append-only, hash-chained audit log. `append` resolves only once the entry is committed (group commit: appends
 * arriving within `flushMs` share one transaction), so an acknowledged action is never lost.
 */
export class AuditLog {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  readonly algo: HashAlgo;
  private readonly clock: () => Date;

  constructor(
    private readonly db: Db,
    private readonly opts: AuditOptions = {},
  ) {
    this.algo = opts.algo ?? 'sha256';
    this.clock = opts.clock ?? (() => new Date());
  }

  append(event: AuditEvent): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ event, at: this.clock(), resolve, reject });
      if (this.queue.length >= (this.opts.maxBatch ?? 500)) this.kick(0);
      else if (!this.timer) this.kick(this.opts.flushMs ?? 5);
    });
  }

  /** Resolves when everything appended so far is committed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.flushing = this.flushing.then(() => this.writeBatch());
    await this.flushing;
  }

  private kick(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushing = this.flushing.then(() => this.writeBatch());
    }, ms);
  }

  private async writeBatch(): Promise<void> {
    const batch = this.queue.splice(0, this.queue.length);
    if (batch.length === 0) return;
    try {
      const anchor = await this.db.transaction(async (tx) => {
        const [head] = await tx.query<{ last_id: string; last_hash: string }>('SELECT last_id, last_hash FROM audit_head WHERE one FOR UPDATE');
        let id = Number(head.last_id);
        let prev = head.last_hash;
        const values: unknown[] = [];
        const tuples: string[] = [];
        for (const p of batch) {
          id++;
          const e = p.event;
          const content: AuditContent = {
            id,
            at: p.at.toISOString(),
            userId: e.userId ?? null,
            username: e.username ?? null,
            scope: e.scope ?? null,
            action: e.action,
            target: e.target ?? null,
            address: e.address ?? null,
            outcome: e.outcome ?? 'ok',
            detail: e.detail ?? {},
          };
          const hash = entryHash(this.algo, prev, content);
          const base = values.length;
          values.push(id, content.at, content.userId, content.username, content.scope, content.action, content.target, content.address, content.outcome, JSON.stringify(content.detail), this.algo, prev, hash);
          tuples.push(`(${Array.from({ length: 13 }, (_, i) => `$${base + i + 1}`).join(', ')})`);
          prev = hash;
        }
        await tx.query(
          `INSERT INTO audit_log (id, at, user_id, username, scope, action, target, address, outcome, detail, algo, prev_hash, hash) VALUES ${tuples.join(', ')}`,
          values,
        );
        await tx.query('UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE one', [id, prev]);
        return { id, hash: prev, algo: this.algo, at: batch[batch.length - 1].at.toISOString() } satisfies Anchor;
      });
      if (this.opts.anchorPath) writeAnchor(this.opts.anchorPath, anchor);
      for (const p of batch) p.resolve();
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }
}

/** Writes the anchor atomically and keeps one copy per day (the last 30) so a rewound file is noticed too. */
export function writeAnchor(path: string, anchor: Anchor): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(anchor) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
  const day = anchor.at.slice(0, 10).replaceAll('-', '');
  const dir = dirname(path);
  const base = path.slice(dir.length + 1);
  copyFileSync(path, join(dir, `${base}.${day}`));
  const old = readdirSync(dir).filter((f) => f.startsWith(`${base}.`) && /\.\d{8}$/.test(f)).sort();
  for (const f of old.slice(0, Math.max(0, old.length - 30))) rmSync(join(dir, f), { force: true });
}
