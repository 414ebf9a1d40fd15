import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

/** Keyboard-only steps of the browser tests (`page.keyboard`, never the mouse). */

/** Presses Tab until the focused element matches `selector`; fails listing where focus went. The element must show its focus. */
export async function tabTo(page: Page, selector: string, max = 200): Promise<void> {
  const trail: string[] = [];
  for (let presses = 0; presses < max; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate((wanted) => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement)) return { matches: false, name: 'nothing', visible: false };
      const style = getComputedStyle(element);
      const visible = element.matches(':focus-visible') && ((style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none');
      return { matches: element.matches(wanted), name: `${element.tagName.toLowerCase()}.${element.className}`, visible };
    }, selector);
    trail.push(focused.name);
    if (focused.matches) {
      assert.ok(focused.visible, `focus on ${selector} is visible`);
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}; focus went: ${trail.slice(-30).join(' → ')}`);
}

/** Signs in through /login with the keyboard. */
export async function signInByKeyboard(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await tabTo(page, 'input[name="username"]');
  await page.keyboard.type(username);
  await tabTo(page, 'input[name="password"]');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/`);
  await page.locator('.documents-list').first().waitFor();
}

/** From the list, Tab to the draft's title link and follow it with Enter. */
export async function openByKeyboard(page: Page, baseUrl: string, documentId: string): Promise<void> {
  await tabTo(page, `.documents-table__title a[href="/documents/${documentId}"]`);
  await page.keyboard.press('Enter');
  await page.waitForURL(`${baseUrl}/documents/${documentId}`);
  await page.locator('.status[data-status="online"]').waitFor();
}
