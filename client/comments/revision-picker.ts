import type { Revision } from '../api/revision-records.ts';
import { h } from '../ui/dom.ts';

/**
 * "Góp ý trên phiên bản": the current draft (value "") or one of the named revisions,
 * newest first as listed. Automatic checkpoints are not offered: ministries comment on
 * versions the secretariat circulated.
 */
export function revisionPicker(revisions: readonly Revision[]): HTMLSelectElement {
  return h('select', { className: 'revision-picker', attrs: { name: 'revisionId' } }, [
    h('option', { i18n: 'comments.submission.currentDraft', attrs: { value: '' } }),
    ...revisions.filter((revision) => revision.kind === 'named').map((revision) => h('option', { text: revision.name, attrs: { value: revision.id } })),
  ]);
}
