import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { currentTotp } from '../../api/src/auth/totp.ts';
import { TEST_PASSWORD } from '../support/users.ts';

/**
 * Debian's Chromium, headless, in a fresh profile directory (removed by `close`). Playwright passes the profile as
 * `--user-data-dir` itself and refuses it among `args`.
 */
export async function launchChromium(): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'fc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Signs in on the /login page shown: user name and password, then the 动态口令 when the server asks for one. */
export async function signIn(p: Page, username: string, totpSecret?: string, password = TEST_PASSWORD): Promise<void> {
  await p.getByLabel('用户名', { exact: true }).fill(username);
  await p.getByLabel('密码', { exact: true }).fill(password);
  await p.getByRole('button', { name: '登录' }).click();
  if (totpSecret) {
    const field = p.getByLabel('动态口令', { exact: true });
    await field.waitFor();
    await expect.poll(() => p.getByTestId('login-error').innerText()).toContain('动态口令');
    await field.fill(currentTotp(totpSecret, username, new Date()));
    await p.getByRole('button', { name: '登录' }).click();
  }
}
