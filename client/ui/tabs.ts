import type { MessageKey } from '../i18n/index.ts';
import { h } from './dom.ts';

/** One tab: its stable id (`data-tab`), its translated label and its panel's content. */
export interface TabSpec {
  id: string;
  label: MessageKey;
  panel: HTMLElement;
}

/**
 * An accessible tab set (WAI-ARIA tabs pattern): a `role="tablist"` of buttons, one
 * visible `role="tabpanel"` at a time, Left/Right arrows move between tabs. `initial`
 * names the first selected tab; an unknown id selects the first one.
 */
export function createTabs(specs: readonly TabSpec[], label: MessageKey, initial?: string): HTMLElement {
  const list = h('div', { className: 'tabs__list', attrs: { role: 'tablist' }, i18nAriaLabel: label });
  const panels: HTMLElement[] = [];
  const buttons: HTMLButtonElement[] = [];
  const select = (index: number, focus: boolean): void => {
    buttons.forEach((button, i) => {
      const selected = i === index;
      button.setAttribute('aria-selected', String(selected));
      button.tabIndex = selected ? 0 : -1;
      const panel = panels[i];
      if (panel) panel.hidden = !selected;
      if (selected && focus) button.focus();
    });
  };
  specs.forEach((spec, index) => {
    const button = h('button', {
      className: 'tabs__tab',
      i18n: spec.label,
      attrs: { type: 'button', role: 'tab', id: `tab-${spec.id}`, 'aria-controls': `panel-${spec.id}`, 'data-tab': spec.id },
      on: { click: () => select(index, false) },
    });
    button.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const step = event.key === 'ArrowRight' ? 1 : specs.length - 1;
      select((index + step) % specs.length, true);
    });
    buttons.push(button);
    list.append(button);
    panels.push(h('div', { className: 'tabs__panel', attrs: { role: 'tabpanel', id: `panel-${spec.id}`, 'aria-labelledby': `tab-${spec.id}` } }, [spec.panel]));
  });
  select(Math.max(0, specs.findIndex((spec) => spec.id === initial)), false);
  return h('div', { className: 'tabs' }, [list, ...panels]);
}
