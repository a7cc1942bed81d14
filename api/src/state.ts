/** What the process knows about its data pipeline; `ready` turns true once seeding and cube builds are done. */
export interface AppState {
  ready: boolean;
  /** What is running now (seeding, building cubes…), for logs and the loading page. */
  phase: string;
  dataAsOf: string | null;
  error: string | null;
}

export function createState(): AppState {
  return { ready: false, phase: 'starting', dataAsOf: null, error: null };
}
