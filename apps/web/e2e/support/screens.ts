import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
import { VIEWPORTS } from './browser';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots', import.meta.url));

/**
 * Saves e2e/screenshots/<name>-<width>.png: the whole page at its current size, or just `focus`
 * (for a section of a very long page).
 */
export async function shot(page: Page, name: string, focus?: Locator): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  const path = `${SCREENSHOT_DIR}/${name}-${width}.png`;
  const options = { path, animations: 'disabled', caret: 'hide' } as const;
  await (focus ? focus.screenshot(options) : page.screenshot({ ...options, fullPage: true }));
  return path;
}

/** Pixels each screen overflows horizontally at phone width, by screenshot name. */
export const mobileOverflow = new Map<string, number>();

/**
 * Screenshots the page at desktop and phone width by resizing the one page, so a flow that is
 * half way through (a recording, say) is captured at both sizes. Notes in `mobileOverflow` how
 * far the page scrolls sideways on the phone.
 */
export async function shotBoth(page: Page, name: string, focus?: Locator): Promise<void> {
  const original = page.viewportSize();
  await page.setViewportSize(VIEWPORTS.desktop);
  await shot(page, name, focus);
  await page.setViewportSize(VIEWPORTS.mobile);
  // A string, not a function: the root tsconfig has no DOM types.
  const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
  mobileOverflow.set(name, Math.max(0, overflow));
  await shot(page, name, focus);
  if (original) await page.setViewportSize(original);
}
