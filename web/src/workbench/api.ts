import type { ViewDefinition } from '../../../queries/views.ts';
import { apiError, fetchJson } from '../data/api.ts';

/** A saved view as `GET /api/views/:id` returns it. */
export interface SavedView {
  id: string;
  name: string;
  description: string;
  visibility: 'private' | 'shared';
  owner: string;
  mine: boolean;
  definition: ViewDefinition;
  url: string;
}

/** A write to the views API; a failure carries the server's message, as every other call's does. */
async function send<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw await apiError(res);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const listViews = () => fetchJson<{ items: SavedView[]; total: number }>('/api/views?limit=200');
export const getView = (id: string) => fetchJson<SavedView>(`/api/views/${id}`);
export const saveView = (body: { name: string; description: string; visibility: 'private' | 'shared'; definition: ViewDefinition }, id?: string) =>
  id ? send<SavedView>('PUT', `/api/views/${id}`, body) : send<SavedView>('POST', '/api/views', body);
export const deleteView = (id: string) => send<void>('DELETE', `/api/views/${id}`);
