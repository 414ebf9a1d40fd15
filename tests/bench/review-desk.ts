/**
 * The review desk with 2,000 threads, as the secretariat waits for it in Chromium: a document
 * of the strategy template whose paragraphs carry 2,000 comments from four ministries (a
 * quarter proposing new wording), filed as written submissions. Reports, over `runs` page
 * loads, the time from navigation to the desk's first drawn rows (`desk:first-render`), the
 * part of it spent after the page script started (`desk:start` → `desk:first-render`: the three
 * API calls and the first render), the thread list request within it and its response size,
 * and the time from a
 * filter change (text typed, status chosen) to the next painted frame.
 *
 * Needs `npm run build:client` and Chromium (as the browser tests). Run alone:
 * `npx tsx tests/bench/review-desk.ts [--threads=2000] [--runs=5]`.
 */
import { connectClient, waitSynced } from '../helpers/clients.ts';
import { requestJson, startTestServer } from '../helpers/server.ts';
import { anchorFor } from '../comments/helpers.ts';
import { launchBrowser, newPage, signIn } from '../e2e/browser.ts';
import { summarize } from './stats.ts';

const PASSAGES = [
  'lan nhanh qua biên giới',
  'kèm số liệu do các bộ, ngành cung cấp',
  'khoảng trống pháp lý',
  'mức độ tác động',
  'giảm thiểu thiệt hại',
  'góp phần giữ vững môi trường hòa bình',
  'làm rõ thẩm quyền chủ trì, phối hợp',
  'trao đổi kinh nghiệm',
  'các nguồn hợp pháp khác',
  'chủ trì theo dõi, đôn đốc',
];
const ORGANIZATIONS = ['bo-y-te', 'bo-tai-chinh', 'bo-cong-an', 'bo-xay-dung'];

function flag(name: string, fallback: number): number {
  const found = process.argv.find((arg) => arg.startsWith(`--${name}=`));
  return found ? Number(found.split('=')[1]) : fallback;
}

async function main(): Promise<void> {
  const total = flag('threads', 2000);
  const runs = flag('runs', 5);
  const server = await startTestServer();
  const browser = await launchBrowser();
  try {
    const admin = await server.login('admin', server.adminPassword);
    const documentId = await server.createDocument(admin, 'Chiến lược (bàn xử lý 2.000 góp ý)', 'nts-2030-2045');
    await requestJson(server.baseUrl, 'PUT', `/api/documents/${documentId}/access`, { token: admin, body: { members: [], organizations: ORGANIZATIONS } });
    const reader = connectClient(server.wsUrl, documentId, admin);
    await waitSynced(reader);
    const anchors = PASSAGES.map((passage) => anchorFor(reader, passage));
    reader.destroy();
    const perOrganization = Math.ceil(total / ORGANIZATIONS.length);
    let made = 0;
    for (const [o, organizationId] of ORGANIZATIONS.entries()) {
      for (let from = 0; from < perOrganization && made < total; from += 500) {
        const count = Math.min(500, perOrganization - from, total - made);
        const items = Array.from({ length: count }, (_, i) => {
          const n = made + i;
          const anchor = anchors[n % anchors.length] as (typeof anchors)[number];
          return { body: `Góp ý số ${n + 1} của cơ quan ${o + 1}: đề nghị làm rõ nội dung này.`, anchor, ...(n % 4 === 0 ? { proposal: `${anchor.quote} (sửa lần ${n})` } : {}) };
        });
        const filed = await requestJson(server.baseUrl, 'POST', `/api/documents/${documentId}/submissions`, {
          token: admin,
          body: { organizationId, documentNumber: `${o + 1}-${from}/CV`, date: '2026-11-30', signer: 'Thứ trưởng', noComments: false, items },
        });
        if (filed.status !== 201) throw new Error(`submission refused: ${JSON.stringify(filed.body)}`);
        made += count;
      }
    }
    const list = await fetch(`${server.baseUrl}/api/documents/${documentId}/threads`, { headers: { authorization: `Bearer ${admin}` } });
    const listBytes = (await list.arrayBuffer()).byteLength;

    const errors: string[] = [];
    const { page, context } = await newPage(browser, 'bench', errors);
    await signIn(page, server.baseUrl, 'admin', server.adminPassword);
    const firstRender: number[] = [];
    const afterScript: number[] = [];
    const listRequest: number[] = [];
    const renderOnly: number[] = [];
    const textFilter: number[] = [];
    const statusFilter: number[] = [];
    for (let run = 0; run < runs; run++) {
      await page.goto(`${server.baseUrl}/documents/${documentId}/review`);
      await page.locator('.desk-row').first().waitFor();
      const marks = await page.evaluate(() => {
        const [start] = performance.getEntriesByName('desk:start');
        const [shown] = performance.getEntriesByName('desk:first-render');
        const [data] = performance.getEntriesByName('desk:data');
        const list = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('/threads'));
        return { start: start?.startTime ?? NaN, shown: shown?.startTime ?? NaN, list: list?.duration ?? NaN, data: data?.startTime ?? NaN };
      });
      listRequest.push(marks.list);
      renderOnly.push(marks.shown - marks.data);
      firstRender.push(marks.shown);
      afterScript.push(marks.shown - marks.start);
      // Time from a filter change to the next painted frame, in the page's own clock.
      const timeChange = (apply: string): Promise<number> =>
        page.evaluate(
          (code) =>
            new Promise<number>((resolve) => {
              const started = performance.now();
              new Function(code)();
              requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
            }),
          apply,
        );
      textFilter.push(await timeChange(`const input = document.querySelector('input[name="search"]'); input.value = 'số 17'; input.dispatchEvent(new Event('input'));`));
      await timeChange(`const input = document.querySelector('input[name="search"]'); input.value = ''; input.dispatchEvent(new Event('input'));`);
      statusFilter.push(await timeChange(`const s = document.querySelector('select[name="status"]'); s.value = 'open'; s.dispatchEvent(new Event('change'));`));
    }
    const rows = await page.locator('.desk-row').count();
    await context.close();
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const line = (label: string, values: number[]): string => {
      const s = summarize(values);
      return `| ${label} | ${s.p50.toFixed(0)} | ${s.max.toFixed(0)} |`;
    };
    console.log(`Review desk, ${total} threads (${(listBytes / 1024 / 1024).toFixed(2)} MB thread list), ${runs} page loads, ${rows} row elements in the DOM`);
    console.log('| step | median ms | max ms |');
    console.log('|---|---|---|');
    console.log(line('navigation → first rows drawn', firstRender));
    console.log(line('page script start → first rows (3 API calls + render)', afterScript));
    console.log(line('of which GET …/threads (the whole list, as the browser waits for it)', listRequest));
    console.log(line('of which building the rows and drawing them (after the answers were read)', renderOnly));
    console.log(line('text filter → next frame', textFilter));
    console.log(line('status filter → next frame', statusFilter));
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
