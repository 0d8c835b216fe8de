import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run with apt), never a browser download. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface LaunchedBrowser {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Uncaught errors in the page, in order; the suite fails on any. */
  readonly pageErrors: readonly string[];
  close(): Promise<void>;
}

/**
 * Headless chromium with one page. Every request that leaves this machine is aborted: the Playground's
 * page asks a CDN for fonts and an animation worklet, and a test must not depend on (or talk to) the
 * internet.
 */
export async function launchChromium(options: { timeZone: string }): Promise<LaunchedBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-gpu',
      '--no-first-run',
    ],
  });
  // Tall enough that the longest card fits on screen: an element screenshot of a card taller than the
  // window would scroll the chat pane under the Playground's header bar.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 2000 },
    locale: 'en-US',
    timezoneId: options.timeZone,
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const local = (url.protocol === 'http:' || url.protocol === 'ws:') && LOCAL_HOSTS.has(url.hostname);
    return local || url.protocol === 'data:' || url.protocol === 'blob:' ? route.continue() : route.abort();
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(`${error.name}: ${error.message}`));
  return {
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close();
    },
  };
}
