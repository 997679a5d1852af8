import { type BrowserContext, chromium, type LaunchOptions } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium fonts-noto-cjk`; .ci/run installs it). */
export const chromiumPath = '/usr/bin/chromium';

/**
 * Headless Chromium with its own profile folder, quiet (no background traffic, updates or first-run
 * pages); `options` gives the page's locale, viewport and device.
 */
export function launchChromium(
  profilePath: string,
  options: Omit<Parameters<typeof chromium.launchPersistentContext>[1], keyof LaunchOptions>,
): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profilePath, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    ...options,
  });
}
