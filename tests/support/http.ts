/** A tiny cookie-keeping client for `app.request()`. */
export function client(app: { request: (path: string, init?: RequestInit) => Response | Promise<Response> }) {
  let cookie = '';
  const request = async (path: string, init: RequestInit & { json?: unknown } = {}) => {
    const headers = new Headers(init.headers);
    if (cookie) headers.set('cookie', cookie);
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      init = { ...init, body: JSON.stringify(init.json) };
    }
    const res = await app.request(path, { ...init, headers });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      cookie = /=$/.test(pair) || /Max-Age=0/i.test(set) ? '' : pair;
    }
    return res;
  };
  return {
    request,
    get cookie() {
      return cookie;
    },
    set cookie(v: string) {
      cookie = v;
    },
    login: (username: string, password: string, totp?: string) => request('/api/auth/login', { method: 'POST', json: totp ? { username, password, totp } : { username, password } }),
  };
}
