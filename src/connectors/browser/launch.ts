import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { ErrandError } from '../../errors.js';

/** Debian's Chromium, which `.ci/run` installs when it is missing; `ERRAND_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env.ERRAND_CHROMIUM || '/usr/bin/chromium';

/** The flags errand runs Chromium with: no sandbox (containers), no GPU, no calls home. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches the machine's Chromium, headless unless asked, with its home and caches in a fresh folder. */
export async function launchBrowser(options: { headed?: boolean } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new ErrandError(
      'CONFIG_INVALID',
      `${CHROMIUM} is missing: install Chromium (apt-get install -y chromium) or set ERRAND_CHROMIUM to one.`,
    );
  const home = mkdtempSync(join(tmpdir(), 'errand-chromium-'));
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: !options.headed,
    args: CHROMIUM_ARGS,
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: join(home, 'config'),
      XDG_CACHE_HOME: join(home, 'cache'),
      XDG_DATA_HOME: join(home, 'data'),
    },
  });
}
