// Browser-test support: the real app listening on loopback, Debian's Chromium through playwright-core, axe-core.
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createHarness, type Harness } from './harness.js';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export type BrowserHarness = Harness & { browser: Browser; baseUrl: string; newPage: () => Promise<Page> };

export async function createBrowserHarness(opts: Parameters<typeof createHarness>[0] = {}): Promise<BrowserHarness> {
  const h = await createHarness(opts);
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  const addr = h.app.server.address();
  const baseUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  // bypassCSP only so axe-core can be injected; the app's own CSP is tested over HTTP.
  const context = await browser.newContext({ bypassCSP: true, locale: 'zh-CN' });
  return {
    ...h, browser, baseUrl,
    newPage: () => context.newPage(),
    close: async () => {
      await browser.close();
      await h.close();
    },
  };
}

export type AxeViolation = { id: string; impact: string; help: string; nodes: { target: string[]; html: string }[] };

/** Runs axe-core with the WCAG 2.1 A/AA rule sets; returns the violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: AxeViolation[] }> } };
    const r = await w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html })) }));
  });
}

export const describeViolations = (url: string, v: AxeViolation[]) =>
  `${url}: ${v.map((x) => `${x.id} (${x.help}) at ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`;

/** Asserts zero WCAG 2.1 A/AA violations on the page as it is now, and records the URL as visited. */
export async function expectAxeClean(page: Page, visited?: string[]): Promise<void> {
  const v = await axeViolations(page);
  visited?.push(page.url());
  if (v.length) throw new Error(`axe violations: ${describeViolations(page.url(), v)}`);
}
