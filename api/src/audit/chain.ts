import { createHash } from 'node:crypto';

/** The hash functions the chain may use: SHA-256 by default, SM3 (GB/T 32905) for deployments that require it. */
export type HashAlgo = 'sha256' | 'sm3';
export const hashAlgos: readonly HashAlgo[] = ['sha256', 'sm3'];
export const GENESIS = '0'.repeat(64);

/** The fields an entry's hash covers, in a fixed order. */
export interface AuditContent {
  id: number;
  at: string; // ISO 8601, UTC, milliseconds
  userId: string | null;
  username: string | null;
  scope: string | null;
  action: string;
  target: string | null;
  address: string | null;
  outcome: string;
  detail: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth: the same content always gives the same text. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v ?? null);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o).filter((k) => o[k] !== undefined).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** hash(prev ‖ canonical content), hex. */
export function entryHash(algo: HashAlgo, prevHash: string, c: AuditContent): string {
  const body = canonicalJson([c.id, c.at, c.userId, c.username, c.scope, c.action, c.target, c.address, c.outcome, c.detail]);
  return createHash(algo).update(prevHash).update('\n').update(body).digest('hex');
}
