import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';

/**
 * A tiny element builder. Text only ever goes in through `textContent` (or a translated
 * key), never as HTML, so user-provided strings cannot inject markup.
 */

/** Properties accepted by `h`. */
export interface ElementProps {
  className?: string;
  /** Literal text (user data is fine: it is set as textContent). */
  text?: string;
  /** A UI string key: translated now and again on every locale change. */
  i18n?: MessageKey;
  /** Translated `title` attribute (also re-translated on locale change). */
  i18nTitle?: MessageKey;
  /** Translated `aria-label` attribute. */
  i18nAriaLabel?: MessageKey;
  /** Translated `placeholder` attribute. */
  i18nPlaceholder?: MessageKey;
  /** Plain attributes; values are set with setAttribute (never parsed as HTML). */
  attrs?: Readonly<Record<string, string>>;
  /** Event listeners. */
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

/** Creates an element of `tag` with `props` and appends `children` (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: ElementProps = {},
  children: ReadonlyArray<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.className !== undefined) element.className = props.className;
  if (props.attrs) for (const [name, value] of Object.entries(props.attrs)) element.setAttribute(name, value);
  if (props.i18n !== undefined) {
    element.dataset.i18n = props.i18n;
    element.textContent = t(props.i18n);
  } else if (props.text !== undefined) {
    element.textContent = props.text;
  }
  const translatedAttributes: Array<[string, MessageKey | undefined]> = [
    ['title', props.i18nTitle],
    ['aria-label', props.i18nAriaLabel],
    ['placeholder', props.i18nPlaceholder],
  ];
  for (const [name, key] of translatedAttributes) {
    if (key === undefined) continue;
    element.setAttribute(`data-i18n-${name}`, key);
    element.setAttribute(name, t(key));
  }
  if (props.on) {
    for (const [type, listener] of Object.entries(props.on)) {
      element.addEventListener(type, listener as EventListener);
    }
  }
  for (const child of children) element.append(child);
  return element;
}

/** Removes every child of `element`. */
export function clear(element: Element): void {
  element.replaceChildren();
}
