/**
 * Launches the machine's own Chromium (Debian's package) for browser tests and scripts.
 * playwright-core never downloads a browser here: `CHROMIUM_PATH` or /usr/bin/chromium is used,
 * with flags that keep it quiet and offline apart from the loopback servers under test.
 */
import { type Browser, chromium } from 'playwright-core';

/** Where the Chromium executable is: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export const chromiumPath: string = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts a headless Chromium (with `extraArgs` added to the flags); the caller closes it. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
