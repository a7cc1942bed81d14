export interface LoginSearch {
  /** Where to go after signing in: a same-origin path only (never `//host`, `/\host` or a URL), else the dashboard. */
  redirect?: string;
}

export function validateLoginSearch(raw: Record<string, unknown>): LoginSearch {
  const r = raw.redirect;
  // Every key explicitly (see validateExecutionSearch): the router merges the raw search under this.
  return { redirect: typeof r === 'string' && /^\/(?![/\\])/.test(r) ? r : undefined };
}
