import { existsSync } from 'node:fs';
import { esc } from './html.ts';

/** Where Debian installs Chromium (`apt-get install chromium`). */
export const defaultChromiumPath = '/usr/bin/chromium';

/** PDF cannot be made here (no Chromium). */
export class PdfUnavailableError extends Error {
  constructor(message = '服务器未安装 Chromium，无法生成 PDF；可下载 Excel 版，或打开网页版用浏览器打印') {
    super(message);
    this.name = 'PdfUnavailableError';
  }
}

export function chromiumAvailable(path = defaultChromiumPath): boolean {
  return existsSync(path);
}

/**
 * Renders a self-contained HTML page to an A4 landscape PDF with Chromium (playwright-core), page numbers in the
 * footer. One headless browser per call; the page runs no script (charts are inline SVG).
 */
export function htmlToPdf(html: string, o: { chromiumPath?: string; footer: string }): Promise<Buffer> {
  // One Chromium at a time in this process: PDF requests and the archive queue wait their turn instead of starting
  // a browser each on two shared cores.
  const run = turn.then(() => render(html, o));
  turn = run.then(() => undefined, () => undefined);
  return run;
}
let turn: Promise<void> = Promise.resolve();

async function render(html: string, o: { chromiumPath?: string; footer: string }): Promise<Buffer> {
  const path = o.chromiumPath ?? defaultChromiumPath;
  if (!chromiumAvailable(path)) throw new PdfUnavailableError();
  const { chromium } = await import('playwright-core');
  // playwright-core gives the browser a fresh temporary profile and removes it on close.
  const browser = await chromium.launch({
    executablePath: path,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', offline: true, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    return await page.pdf({
      format: 'A4',
      landscape: true,
      printBackground: true,
      preferCSSPageSize: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="width:100%;font-size:8px;color:#555;padding:0 12mm;display:flex;justify-content:space-between;font-family:'Noto Sans CJK SC',sans-serif"><span>${esc(o.footer)}</span><span>第 <span class="pageNumber"></span> 页，共 <span class="totalPages"></span> 页</span></div>`,
    });
  } finally {
    await browser.close();
  }
}
