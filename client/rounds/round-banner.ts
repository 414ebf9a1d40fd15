import { listRoundsForResponse, type Round } from '../api/round-response-endpoints.ts';
import { t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { DISPLAY_TIME_ZONE, formatDate } from '../../document-model/date-time.ts';

/** The id of the response panel in the comments sidebar, which the banner's link points at. */
export const ROUND_RESPONSE_ANCHOR = 'round-response';

/** The banner's text for `round`: its title and deadline, the date as Viet Nam reads it (the deadline is the end of that day there). */
export function roundBannerText(round: Pick<Round, 'title' | 'deadline'>): string {
  return t('response.banner', { title: round.title, deadline: formatDate(round.deadline, DISPLAY_TIME_ZONE) });
}

/**
 * The bar above a consulted ministry's editor while a round consulting its organisation is
 * open: "Đợt lấy ý kiến: <title> — hạn góp ý <dd/mm/yyyy>" and a link to the response panel,
 * which it opens and brings into view. Hidden (empty) when no such round is open or the rounds
 * cannot be read; the server decides which rounds the officer is consulted in.
 */
export function createRoundBanner(documentId: string): HTMLElement {
  const banner = h('div', { className: 'notice round-banner', attrs: { role: 'status' } });
  banner.hidden = true;
  listRoundsForResponse(documentId)
    .then((rounds) => {
      const open = rounds.find((round) => round.state === 'open');
      if (open === undefined) return;
      const link = h('a', { className: 'round-banner__respond', i18n: 'response.bannerLink', attrs: { href: `#${ROUND_RESPONSE_ANCHOR}` } });
      link.addEventListener('click', (event) => {
        const panel = window.document.getElementById(ROUND_RESPONSE_ANCHOR);
        if (panel === null) return;
        event.preventDefault();
        // The response sits in a collapsible panel of the sidebar: open it before showing it.
        const details = panel.closest('details');
        if (details !== null) details.open = true;
        panel.scrollIntoView({ block: 'start' });
        panel.querySelector<HTMLElement>('input, button')?.focus({ preventScroll: true });
      });
      banner.dataset.roundId = open.id;
      banner.replaceChildren(h('span', { className: 'round-banner__text', text: roundBannerText(open) }), ' ', link);
      banner.hidden = false;
    })
    // Without the rounds the editor works as before; the response panel says what it can.
    .catch(() => undefined);
  return banner;
}
