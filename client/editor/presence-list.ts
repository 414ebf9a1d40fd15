import type { Awareness } from 'y-protocols/awareness';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { liveView, type LiveView } from '../ui/live-view.ts';
import { participantsFromStates } from './presence.ts';

/**
 * "Đang truy cập": everyone whose awareness is in this document, each with their cursor
 * colour; the local user is marked "(bạn)". Updates on every awareness change.
 * Returns the element and a function that stops listening.
 */
export function createPresenceList(awareness: Awareness): LiveView {
  const list = h('ul', { className: 'presence__list' });
  const element = h('aside', { className: 'presence', i18nAriaLabel: 'editor.presence' }, [
    h('h2', { className: 'panel-title', i18n: 'editor.presence' }),
    // Shown instead of the list while the connection is down (by the page's stylesheet).
    h('p', { className: 'muted presence__offline', i18n: 'editor.presenceOffline' }),
    list,
  ]);
  const render = (): void => {
    const participants = participantsFromStates(awareness.getStates(), awareness.clientID);
    list.replaceChildren(
      ...participants.map((participant) => {
        const swatch = h('span', { className: 'presence__swatch', attrs: { 'aria-hidden': 'true' } });
        swatch.style.backgroundColor = participant.color;
        const name = participant.isLocal ? t('editor.you', { name: participant.name }) : participant.name;
        return h('li', { className: 'presence__item', attrs: { 'data-client-id': String(participant.clientId) } }, [
          swatch,
          h('span', { className: 'presence__name', text: name }),
        ]);
      }),
    );
  };
  return liveView(element, render, () => {
    awareness.on('change', render);
    return [() => awareness.off('change', render)];
  });
}
