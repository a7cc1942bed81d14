/**
 * The password policy as the forms show it, checked while typing. The server's `passwordProblem` is authoritative (a
 * unit test keeps the two in agreement); this only lets people see what is missing before they submit.
 */

export interface PasswordCheck {
  id: 'length' | 'kinds' | 'username' | 'max';
  label: string;
  ok: boolean;
}

export const passwordPolicyText = '至少 10 位；包含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名';

export function characterKinds(password: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
}

export function passwordChecks(password: string, username?: string): PasswordCheck[] {
  const checks: PasswordCheck[] = [
    { id: 'length', label: '至少 10 位', ok: password.length >= 10 },
    { id: 'kinds', label: '大写字母、小写字母、数字、符号中至少三类', ok: characterKinds(password) >= 3 },
  ];
  // Listed even before a user name is typed, so the checklist states the whole policy.
  const containsName = Boolean(username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()));
  checks.push({ id: 'username', label: '不包含用户名', ok: !containsName });
  if (password.length > 128) checks.push({ id: 'max', label: '不超过 128 位', ok: false });
  return checks;
}

export function passwordAcceptable(password: string, username?: string): boolean {
  return passwordChecks(password, username).every((c) => c.ok);
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

/**
 * A random initial password that meets the policy (14 random characters without look-alikes, grouped for reading
 * aloud, plus one of each kind). Uses the Web Crypto generator.
 */
export function generatePassword(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  // 256 is not a multiple of the alphabet size; skew is negligible for a one-time initial password.
  const body = Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
  return `${body.slice(0, 5)}-${body.slice(5, 10)}-${body.slice(10)}Kp7`;
}
