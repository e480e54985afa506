// Debian's Chromium driven by playwright-core (never a downloaded browser). CI installs
// it with .ci/browser-deps and must not skip the browser tests.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
if (process.env.CI === "true" && !chromiumAvailable) {
  throw new Error(`CI needs Chromium at ${CHROMIUM} (.ci/browser-deps installs it)`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
