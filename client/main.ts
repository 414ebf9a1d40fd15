import './styles/app.css';
import './styles/admin.css';
import './styles/editor.css';
import './styles/comments.css';
import './styles/revisions.css';
import './styles/import.css';
import './styles/review.css';
import './styles/tables.css';
import './styles/notifications.css';
import './styles/rounds.css';
import './styles/phone.css';
import { getLocale, setTerms, t } from './i18n/index.ts';
import { fetchTerminology } from './api/settings-endpoints.ts';
import { renderAccountPage } from './pages/account-page.ts';
import { renderAdminPage } from './pages/admin-page.ts';
import { renderAuditPage } from './pages/audit-page.ts';
import { renderComparePage } from './pages/compare-page.ts';
import { renderDocumentsPage } from './pages/documents-page.ts';
import { renderEditorPage } from './pages/editor-page.ts';
import { renderErrorPage } from './pages/error-page.ts';
import { renderLoginPage } from './pages/login-page.ts';
import { renderReviewPage } from './pages/review-page.ts';
import { renderRevisionPage } from './pages/revision-page.ts';
import { renderRevisionsPage } from './pages/revisions-page.ts';
import { renderRoundPage } from './pages/round-page.ts';
import { renderRoundsPage } from './pages/rounds-page.ts';
import { errorMessage } from './ui/error-message.ts';
import { ApiError } from './api/http.ts';
import { parseRoute } from './router.ts';

// Asked for at once, alongside the page's own requests; a failure leaves the default names.
const terminology = fetchTerminology().then(setTerms, () => undefined);

async function start(root: HTMLElement): Promise<void> {
  document.documentElement.lang = getLocale();
  await terminology;
  const route = parseRoute(location.pathname);
  switch (route.name) {
    case 'login':
      renderLoginPage(root);
      return;
    case 'documents':
      await renderDocumentsPage(root);
      return;
    case 'account':
      await renderAccountPage(root);
      return;
    case 'admin':
      await renderAdminPage(root);
      return;
    case 'editor':
      await renderEditorPage(root, route.documentId);
      return;
    case 'audit':
      await renderAuditPage(root, route.documentId);
      return;
    case 'review':
      await renderReviewPage(root, route.documentId);
      return;
    case 'revisions':
      await renderRevisionsPage(root, route.documentId);
      return;
    case 'revision':
      await renderRevisionPage(root, route.documentId, route.revisionId);
      return;
    case 'compare':
      await renderComparePage(root, route.documentId);
      return;
    case 'rounds':
      await renderRoundsPage(root, route.documentId);
      return;
    case 'round':
      await renderRoundPage(root, route.documentId, route.roundId);
      return;
    case 'not-found':
      await renderErrorPage(root, { key: 'error.pageNotFound' });
      return;
  }
}

/** A failed page load's message: a document this person may not open says so plainly. */
function failureText(error: unknown): string {
  if (error instanceof ApiError && error.code === 'ERR_FORBIDDEN' && /^\/documents\//.test(location.pathname)) return t('error.forbiddenDocument');
  return errorMessage(error);
}

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
root.textContent = t('app.loading');
start(root).catch((error: unknown) => {
  // A 401 is already on its way to /login; anything else is shown instead of a blank page.
  if (error instanceof ApiError && error.status === 401) return;
  console.error(error);
  void renderErrorPage(root, { text: failureText(error) });
});
