import { onLocaleChange } from '../i18n/index.ts';

/** A piece of the page that keeps itself current until destroyed. */
export interface LiveView {
  element: HTMLElement;
  /** Stops every subscription the view made. */
  destroy(): void;
}

/**
 * Renders `element` now and again on every language change; `subscribe` attaches the view's
 * other listeners and returns the functions that detach them. `destroy()` undoes all of it.
 */
export function liveView(element: HTMLElement, render: () => void, subscribe: () => Array<() => void>): LiveView {
  const stops = [...subscribe(), onLocaleChange(render)];
  render();
  return {
    element,
    destroy() {
      for (const stop of stops) stop();
    },
  };
}
