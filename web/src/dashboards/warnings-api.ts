import type { Label } from '../../../queries/labels.ts';
import { fetchJson, queryString, sendJson } from '../data/api.ts';

/** A warning as `GET /api/warnings` lists it. */
export interface WarningItem {
  id: string;
  rule: string;
  ruleName?: Label;
  severity: 'red' | 'orange' | 'yellow';
  fiscalYear: number;
  org: { mofDivCode: string; name: string | null; agencyCode: string | null; agencyName: string | null };
  entityType: string;
  entityId: string;
  amountFen: string | null;
  eventDate: string | null;
  evidence: Record<string, unknown>;
  firstSeenAsOf: string;
  lastSeenAsOf: string;
  resolvedAt: string | null;
  status: 'open' | 'confirmed' | 'cleared' | 'rectified';
  statusLabel: string;
  statusChangedAt: string;
}

/** `GET /api/warnings/:id`: the warning with its evidence rows, history and the statuses it may move to. */
export interface WarningDetail extends WarningItem {
  evidenceRows: Array<Record<string, unknown>>;
  history: Array<{ from_status: string | null; to_status: string; username: string; comment: string; at: string }>;
  allowedTransitions: string[];
}

export const warningSortKeys = ['severity', 'rule', 'amount', 'event_date', 'status', 'first_seen'] as const;
export type WarningSort = (typeof warningSortKeys)[number] | `-${(typeof warningSortKeys)[number]}`;

export function listWarnings(filters: Record<string, string>, page: { limit: number; offset: number; sort: WarningSort }, signal?: AbortSignal) {
  return fetchJson<{ items: WarningItem[]; total: number }>(`/api/warnings${queryString({ ...filters, limit: page.limit, offset: page.offset, sort: page.sort })}`, signal);
}

export function getWarning(id: string, signal?: AbortSignal) {
  return fetchJson<WarningDetail>(`/api/warnings/${encodeURIComponent(id)}`, signal);
}

/** Moves a warning to `status` with a comment; a 409 (not allowed now, or handled by someone else) throws its message. */
export function moveWarning(id: string, status: string, comment: string) {
  return sendJson<WarningItem>('PATCH', `/api/warnings/${encodeURIComponent(id)}`, { status, comment });
}

/** The next sort when a column header is clicked: the same key flips direction, a new key starts descending. */
export function nextSort<K extends string>(current: K | `-${K}`, key: K): K | `-${K}` {
  if (current === `-${key}`) return key;
  return `-${key}` as `-${K}`;
}
