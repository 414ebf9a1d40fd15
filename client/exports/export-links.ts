import { ApiError } from '../api/http.ts';
import { getLocale, t } from '../i18n/index.ts';
import { h } from '../ui/dom.ts';
import { errorMessage } from '../ui/error-message.ts';

/** Base path of a version's exports: the live draft, or one revision. */
function versionBase(documentId: string, revisionId: string | null): string {
  const document = `/documents/${encodeURIComponent(documentId)}`;
  return revisionId === null ? document : `${document}/revisions/${encodeURIComponent(revisionId)}`;
}

/** Address of a revision's Word file in the Decree 30 format. */
export function revisionDocxUrl(documentId: string, revisionId: string): string {
  return `/api${versionBase(documentId, revisionId)}/export.docx`;
}

/** The file name the server gave (`filename*=UTF-8''…`), or a plain fallback. */
function fileNameOf(response: Response): string {
  const header = response.headers.get('content-disposition') ?? '';
  const encoded = /filename\*=UTF-8''([^;]+)/u.exec(header)?.[1];
  if (encoded !== undefined) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // A broken name: the fallback below still saves the file.
    }
  }
  return 'du-thao.pdf';
}

/** The message of a PDF that could not be made: no Chromium and busy have their own words. */
function pdfProblem(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ERR_PDF_UNAVAILABLE') return t('exports.pdfUnavailable');
  if (error instanceof ApiError && error.code === 'ERR_PDF_BUSY') return t('exports.pdfBusy');
  return errorMessage(error);
}

/** Fetches the PDF and hands it to the browser as a download; rejects with an `ApiError`. */
async function downloadPdf(url: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (error) {
    throw new ApiError(0, 'ERR_NETWORK', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
    const code = typeof body?.error?.code === 'string' ? body.error.code : 'ERR_UNKNOWN';
    throw new ApiError(response.status, code, typeof body?.error?.message === 'string' ? body.error.message : response.statusText);
  }
  const blob = await response.blob();
  const link = h('a', { attrs: { href: URL.createObjectURL(blob), download: fileNameOf(response) } });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/**
 * The draft's export controls for the live draft (`revisionId` null) or a revision: "Tải Word"
 * (a plain download), "In" (the print view, in a new tab) and "Tải PDF" (made on the server;
 * when the server has no Chromium, a message says to print and save as PDF instead).
 */
export function renderExportLinks(documentId: string, revisionId: string | null): HTMLElement {
  const api = `/api${versionBase(documentId, revisionId)}`;
  const message = h('p', { className: 'export-links__message', attrs: { role: 'status' } });
  const pdf = h('button', { className: 'button button--quiet', i18n: 'exports.pdf', attrs: { type: 'button', 'data-action': 'export-pdf' } });
  pdf.addEventListener('click', () => {
    pdf.disabled = true;
    message.textContent = t('exports.pdfWorking');
    downloadPdf(`${api}/export.pdf`)
      .then(() => {
        message.textContent = '';
      })
      .catch((error: unknown) => {
        message.textContent = pdfProblem(error);
      })
      .finally(() => {
        pdf.disabled = false;
      });
  });
  const print = h('a', { className: 'button button--quiet', i18n: 'exports.print', attrs: { target: '_blank', rel: 'noopener', 'data-action': 'print-view' } });
  const setPrintHref = (): void => print.setAttribute('href', `${versionBase(documentId, revisionId)}/print?lang=${getLocale()}`);
  setPrintHref();
  print.addEventListener('click', setPrintHref);
  return h('div', { className: 'export-links', i18nAriaLabel: 'exports.label', attrs: { role: 'group' } }, [
    h('a', { className: 'button button--quiet', i18n: 'exports.docx', attrs: { href: `${api}/export.docx`, download: '', 'data-action': 'export-docx' } }),
    print,
    pdf,
    message,
  ]);
}
