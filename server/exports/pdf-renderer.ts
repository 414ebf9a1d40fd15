/**
 * Makes PDF files from the print view with a headless Chromium (playwright-core): one browser
 * for the whole server, launched on the first request and closed when the server closes; at
 * most two pages rendered at once, a few more waiting, and beyond that a quick refusal. Where
 * Chromium is not installed (or cannot start) every request is refused with
 * `ERR_PDF_UNAVAILABLE`, and the next request tries again.
 */
import { access, constants } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { ConcurrencyLimiter } from '../auth/concurrency-limiter.ts';
import { Errors, withRetryAfter } from '../errors.ts';

/** The flags the browser runs with: headless, no sandbox (containers), nothing talking to the network on its own. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Pages rendered at once (2 cores), and renders allowed to wait. */
const CONCURRENCY = 2;
const MAX_WAITING = 8;
/** Loading and laying out a 100,000-word draft takes seconds; this is the bound for one page. */
const RENDER_TIMEOUT_MS = 180_000;

/** One shared, lazily launched Chromium that turns HTML into PDF. */
export class PdfRenderer {
  private browser: Promise<Browser> | null = null;
  private readonly limiter = new ConcurrencyLimiter(CONCURRENCY, MAX_WAITING, () => withRetryAfter(new Errors.PdfBusy(), 5));
  private closed = false;

  constructor(private readonly executablePath: string) {}

  /** The browser, launched once; a failed launch is forgotten so the next request tries again. */
  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      try {
        await access(this.executablePath, constants.X_OK);
      } catch {
        throw new Errors.PdfUnavailable(`Chromium is not installed at ${this.executablePath}`);
      }
      try {
        // Loaded here, not at the top: playwright-core is several megabytes of code that a
        // server which never renders a PDF should not pay for at every start.
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_FLAGS, headless: true });
        browser.on('disconnected', () => {
          this.browser = null;
        });
        return browser;
      } catch (error) {
        throw new Errors.PdfUnavailable(`Chromium at ${this.executablePath} did not start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      }
    })().catch((error: unknown) => {
      this.browser = null;
      throw error;
    });
    return this.browser;
  }

  /**
   * `html` (a complete page with no script and nothing to fetch) printed to PDF with the page
   * size and margins its CSS `@page` gives. Refused with `ERR_PDF_UNAVAILABLE` without
   * Chromium and `ERR_PDF_BUSY` (503, Retry-After) when too many wait.
   */
  async render(html: string): Promise<Buffer> {
    if (this.closed) throw new Errors.PdfUnavailable('the server is shutting down');
    return this.limiter.run(async () => {
      const browser = await this.launch();
      // JavaScript off and every request refused: the page is ours, escaped, and self-contained.
      const context = await browser.newContext({ javaScriptEnabled: false });
      try {
        await context.route('**/*', (route) => route.abort());
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout: RENDER_TIMEOUT_MS });
        return await page.pdf({ preferCSSPageSize: true, printBackground: true });
      } finally {
        await context.close();
      }
    });
  }

  /** Closes the browser if one was launched; later renders are refused. */
  async close(): Promise<void> {
    this.closed = true;
    const browser = this.browser;
    this.browser = null;
    if (browser === null) return;
    await browser.then((launched) => launched.close()).catch(() => undefined);
  }
}
