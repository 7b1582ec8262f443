import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium); never a Playwright-downloaded browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = () => existsSync(CHROMIUM_PATH);

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A fake microphone that grants access without a prompt and plays `wav` (looped) when given. */
const fakeMic = (wav?: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  ...(wav ? [`--use-file-for-fake-audio-capture=${wav}`] : []),
];

export const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  mobile: { width: 390, height: 844 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

/** `fakeAudio`: a WAV the fake microphone plays; without it the fake mic plays a beep. */
export function launchBrowser(opts: { fakeAudio?: string } = {}): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: [...FLAGS, ...fakeMic(opts.fakeAudio)] });
}

/** A fresh context (own cookies) at one of the two screen sizes, with the microphone allowed. */
export async function newContext(browser: Browser, baseURL: string, size: ViewportName = 'desktop'): Promise<BrowserContext> {
  const mobile = size === 'mobile';
  const context = await browser.newContext({
    baseURL,
    viewport: VIEWPORTS[size],
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'en-GB',
    timezoneId: 'UTC',
  });
  await context.grantPermissions(['microphone'], { origin: baseURL });
  return context;
}
