import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';

/** The two screen sizes every page must work at: a 1366×768 laptop and a 1920×1080 screen. */
export const SCREEN_SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** A phone held upright: reading and commenting must work at this width. */
export const PHONE_SIZE = { width: 390, height: 844 } as const;

/** Where the layout tests keep their screenshots (`test-artifacts/screenshots/`, not committed). */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '..', '..', 'test-artifacts', 'screenshots');

/** Saves a full-page screenshot of `page` as `<name>-<width>x<height>.png` among the test artifacts. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  const path = join(SCREENSHOT_DIR, `${name}-${size?.width ?? 0}x${size?.height ?? 0}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Asserts that every element matching `items` lies inside the element matching `container`
 * (by their boxes, 1 px tolerance) and is the topmost element at its own centre, i.e. can be
 * clicked: nothing else covers it.
 */
export async function assertInsideAndClickable(page: Page, container: string, items: string): Promise<void> {
  const problems = await page.evaluate(
    ([containerSelector, itemSelector]) => {
      const box = document.querySelector(containerSelector)?.getBoundingClientRect();
      if (!box) return [`no ${containerSelector}`];
      const found: string[] = [];
      const elements = [...document.querySelectorAll<HTMLElement>(itemSelector)];
      if (elements.length === 0) return [`no ${itemSelector}`];
      for (const element of elements) {
        element.scrollIntoView({ block: 'center', inline: 'center' });
        const outer = document.querySelector(containerSelector)?.getBoundingClientRect() ?? box;
        const own = element.getBoundingClientRect();
        const name = `${element.tagName.toLowerCase()} "${element.textContent?.trim() ?? ''}"`;
        if (own.left < outer.left - 1 || own.right > outer.right + 1 || own.top < outer.top - 1 || own.bottom > outer.bottom + 1) {
          found.push(`${name} outside ${containerSelector}`);
          continue;
        }
        const top = document.elementFromPoint(own.left + own.width / 2, own.top + own.height / 2);
        if (!top || !(top === element || element.contains(top))) found.push(`${name} covered by ${top?.className ?? 'nothing'}`);
      }
      return found;
    },
    [container, items] as const,
  );
  assert.deepEqual(problems, [], `${items} in ${container} at ${page.viewportSize()?.width ?? 0} px`);
}

/** Asserts that the page does not scroll sideways: nothing reaches past the viewport's width. */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  assert.ok(widths.scroll <= widths.viewport, `the page is ${widths.scroll} px wide in a ${widths.viewport} px viewport`);
}
