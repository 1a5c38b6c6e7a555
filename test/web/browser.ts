import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../test-output/screenshots');

export const LAPTOP = { width: 1366, height: 860 };
export const PHONE = { width: 390, height: 844 };

export interface Browser {
  context: BrowserContext;
  downloads: string;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, in a fresh profile folder (no browser download, nothing shared between runs). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'evroam-chromium-'));
  const downloads = join(profile, 'downloads');
  mkdirSync(downloads);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: LAPTOP,
    locale: 'en-US',
    timezoneId: 'UTC',
    colorScheme: 'light',
    acceptDownloads: true,
    downloadsPath: downloads,
  });
  context.setDefaultTimeout(20_000);
  return {
    context,
    downloads,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves what the page shows, whole, as test-output/screenshots/NAME-THEME-WIDTH.png, for a reviewer. */
export async function screenshot(page: Page, name: string, options: { theme?: 'light' | 'dark'; size?: { width: number; height: number } } = {}): Promise<void> {
  const theme = options.theme ?? 'light';
  const size = options.size ?? LAPTOP;
  await page.setViewportSize(size);
  await page.emulateMedia({ colorScheme: theme });
  // Let charts and tables settle at the new width before the picture.
  await page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${theme}-${size === PHONE ? 'phone' : 'laptop'}.png`), fullPage: true });
  await page.setViewportSize(LAPTOP);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Opens a console and signs in with the admin token, as an operator does. */
export async function logIn(page: Page, url: string, adminToken: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-token').fill(adminToken);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('nav').waitFor();
}
