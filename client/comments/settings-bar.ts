import type { CommentVisibility } from '../api/comment-records.ts';
import { setCommentVisibility, synthesisUrl } from '../api/comment-endpoints.ts';
import { h } from '../ui/dom.ts';
import { commentErrorMessage } from './comment-errors.ts';
import { canDecide, canDownloadSynthesis, type CommentActor } from './permissions.ts';

/** A mounted settings bar. */
export interface SettingsBar {
  readonly element: HTMLElement;
  /** Shows the visibility the server reports. */
  setVisibility(visibility: CommentVisibility): void;
}

/**
 * The committee's tools above the thread list: for the secretariat the switch "Cho phép
 * mọi bên xem tất cả góp ý" (saved at once; it goes back and explains on failure), and
 * for the secretariat and editors the synthesis table downloads "Bảng tổng hợp (Word)" and
 * "(CSV)". Null for roles that get neither.
 */
export function createSettingsBar(documentId: string, actor: CommentActor): SettingsBar | null {
  const parts: HTMLElement[] = [];
  const toggle = h('input', { attrs: { type: 'checkbox', name: 'visibility' } });
  const error = h('p', { className: 'form-error', attrs: { role: 'alert' } });
  if (canDecide(actor)) {
    toggle.addEventListener('change', () => {
      const wanted: CommentVisibility = toggle.checked ? 'all_participants' : 'own_organization';
      toggle.disabled = true;
      error.textContent = '';
      setCommentVisibility(documentId, wanted)
        .then((saved) => {
          toggle.checked = saved === 'all_participants';
        })
        .catch((failure: unknown) => {
          toggle.checked = !toggle.checked;
          error.textContent = commentErrorMessage(failure);
        })
        .finally(() => {
          toggle.disabled = false;
        });
    });
    parts.push(h('label', { className: 'checkbox-field comments-settings__visibility' }, [toggle, h('span', { i18n: 'comments.settings.visibility' })]), error);
  }
  if (canDownloadSynthesis(actor)) {
    parts.push(
      h('p', { className: 'comments-settings__downloads' }, [
        h('a', { className: 'synthesis-link synthesis-link--docx', i18n: 'comments.synthesis.docx', attrs: { href: synthesisUrl(documentId, 'docx'), download: '' } }),
        ' ',
        h('a', { className: 'synthesis-link synthesis-link--csv', i18n: 'comments.synthesis.csv', attrs: { href: synthesisUrl(documentId, 'csv'), download: '' } }),
      ]),
    );
  }
  if (parts.length === 0) return null;
  return {
    element: h('div', { className: 'comments-settings' }, parts),
    setVisibility(visibility) {
      toggle.checked = visibility === 'all_participants';
    },
  };
}
