import { Secret, TOTP } from 'otpauth';

const ISSUER = '财政驾驶舱';

/** A new random TOTP secret (base32). */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totp(secret: string, username: string) {
  return new TOTP({ issuer: ISSUER, label: username, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
}

/** The otpauth:// URI an authenticator app scans. */
export function totpUri(secret: string, username: string): string {
  return totp(secret, username).toString();
}

/**
 * Checks a 6-digit code at `now`, allowing one step of clock drift either way. Returns the time step the code belongs
 * to (so a caller can refuse a step already used), or null when the code is wrong.
 */
export function verifyTotp(secret: string, username: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, username).validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 30_000) + delta;
}

/** The current code (for tests and the CLI). */
export function currentTotp(secret: string, username: string, now: Date): string {
  return totp(secret, username).generate({ timestamp: now.getTime() });
}
