import type { WebsocketProvider } from 'y-websocket';
import type { MessageKey } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { liveView, type LiveView } from '../ui/live-view.ts';
import { connectionStatus, providerRetriesAfter, type ConnectionFacts, type ConnectionStatus } from './connection-status.ts';

const LABELS: Record<ConnectionStatus, MessageKey> = {
  online: 'status.online',
  reconnecting: 'status.reconnecting',
  offline: 'status.offline',
};

/**
 * The connection indicator: `data-status` is `online`, `reconnecting` or `offline`
 * (stable English keys) and the text is the translated label. Follows the provider's
 * status and sync events and the browser's online/offline events; `onStatus` hears each
 * status as it is shown (the page uses it to move the indicator into view and hide stale
 * presence while not online).
 */
export function createStatusIndicator(provider: WebsocketProvider, onStatus?: (status: ConnectionStatus) => void): LiveView {
  const facts: ConnectionFacts = {
    browserOnline: navigator.onLine,
    provider: provider.wsconnected ? 'connected' : provider.wsconnecting ? 'connecting' : 'disconnected',
    synced: provider.synced,
  };
  const label = h('span', { className: 'status__label' });
  const element = h('div', { className: 'status', attrs: { role: 'status', 'aria-live': 'polite' } }, [
    h('span', { className: 'status__dot', attrs: { 'aria-hidden': 'true' } }),
    label,
  ]);
  const render = (): void => {
    const status = connectionStatus(facts);
    element.dataset.status = status;
    label.textContent = t(LABELS[status]);
    element.title = `${t('status.label')}: ${label.textContent}`;
    onStatus?.(status);
  };
  const onProviderStatus = (event: { status: 'connected' | 'connecting' | 'disconnected' }): void => {
    facts.provider = event.status;
    if (event.status !== 'connected') facts.synced = false;
    if (event.status !== 'disconnected') facts.retryScheduled = false;
    render();
  };
  // Emitted before the 'disconnected' status: tells a close the provider retries from a final one.
  const onClose = (event: CloseEvent | null): void => {
    facts.retryScheduled = providerRetriesAfter(event?.code);
  };
  const onFinalClose = (): void => {
    facts.retryScheduled = false;
    render();
  };
  const onSync = (synced: boolean): void => {
    facts.synced = synced;
    render();
  };
  const onBrowser = (): void => {
    facts.browserOnline = navigator.onLine;
    render();
  };
  return liveView(element, render, () => {
    provider.on('status', onProviderStatus);
    provider.on('sync', onSync);
    provider.on('connection-close', onClose);
    provider.on('closed', onFinalClose);
    window.addEventListener('online', onBrowser);
    window.addEventListener('offline', onBrowser);
    return [
      () => provider.off('status', onProviderStatus),
      () => provider.off('sync', onSync),
      () => provider.off('connection-close', onClose),
      () => provider.off('closed', onFinalClose),
      () => window.removeEventListener('online', onBrowser),
      () => window.removeEventListener('offline', onBrowser),
    ];
  });
}
