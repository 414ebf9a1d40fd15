import { prosemirrorJSONToYXmlFragment } from 'y-prosemirror';
import { outlineSchema } from '../../document-model/schema.ts';
import { connectClient, waitFor, waitSynced } from '../helpers/clients.ts';
import type { TestServer } from '../helpers/server.ts';
import { unzip } from '../helpers/zip.ts';

/** Fixtures and readers shared by the draft export tests. */

type Json = Record<string, unknown>;
const text = (value: string, marks: string[] = []): Json => ({ type: 'text', text: value, ...(marks.length > 0 ? { marks: marks.map((type) => ({ type })) } : {}) });
const heading = (id: string, level: number, value: string): Json => ({ type: 'heading', attrs: { id, level }, content: [text(value)] });
const paragraph = (id: string, content: Json[]): Json => ({ type: 'paragraph', attrs: { id }, content });
const item = (id: string, value: string, nested: Json[] = []): Json => ({ type: 'list_item', attrs: { id }, content: [paragraph(`${id}p`, [text(value)]), ...nested] });

const cell = (type: 'table_cell' | 'table_header', id: string, value: string, attrs: Json = {}): Json => ({ type, attrs: { id, ...attrs }, content: [paragraph(`${id}p`, value === '' ? [] : [text(value)])] });

/**
 * A table of indicators: a header row, a cell spanning two rows and one spanning two columns.
 *   | Chỉ tiêu | Năm 2025 | Năm 2030 |
 *   | Tỷ lệ (rowspan 2) | 45% | 60% |
 *   |                   | Giữ nguyên (colspan 2) |
 */
const TABLE: Json = {
  type: 'table',
  attrs: { id: 'tbl' },
  content: [
    { type: 'table_row', attrs: { id: 'r1' }, content: [cell('table_header', 'c11', 'Chỉ tiêu'), cell('table_header', 'c12', 'Năm 2025'), cell('table_header', 'c13', 'Năm 2030')] },
    { type: 'table_row', attrs: { id: 'r2' }, content: [cell('table_cell', 'c21', 'Tỷ lệ', { rowspan: 2 }), cell('table_cell', 'c22', '45%'), cell('table_cell', 'c23', '60%')] },
    { type: 'table_row', attrs: { id: 'r3' }, content: [cell('table_cell', 'c32', 'Giữ nguyên', { colspan: 2 })] },
  ],
};

/**
 * A draft with every kind of block: four heading levels (numbered Phần I, 1., 1.1., a), 2.),
 * marked text and a line break, a bulleted list with a numbered list nested in its second item,
 * a numbered list starting at 3, and a table of indicators with spans.
 */
export const SAMPLE_DRAFT: Json = {
  type: 'doc',
  content: [
    heading('h1', 1, 'Bối cảnh'),
    paragraph('p1', [text('Nội dung '), text('quan trọng', ['strong']), text(' và '), text('nghiêng', ['em']), text(' với '), text('gạch chân', ['underline']), { type: 'hard_break' }, text('dòng mới.')]),
    heading('h2', 2, 'Mục tiêu tổng quát'),
    heading('h3', 3, 'Chỉ tiêu'),
    heading('h4', 4, 'Điểm đầu tiên'),
    {
      type: 'bullet_list',
      attrs: { id: 'ul' },
      content: [item('li1', 'Gạch đầu dòng một'), item('li2', 'Gạch đầu dòng hai', [{ type: 'ordered_list', attrs: { id: 'ol1', order: 1 }, content: [item('li3', 'Ý con một'), item('li4', 'Ý con hai')] }])],
    },
    { type: 'ordered_list', attrs: { id: 'ol2', order: 3 }, content: [item('li5', 'Bước ba')] },
    heading('h5', 2, 'Giải pháp'),
    TABLE,
  ],
};

/** Writes `content` into the document through a real y-websocket client and waits until the server holds it. */
export async function writeDraft(server: TestServer, token: string, documentId: string, content: Json): Promise<void> {
  const client = connectClient(server.wsUrl, documentId, token);
  try {
    await waitSynced(client);
    client.doc.transact(() => {
      client.fragment.delete(0, client.fragment.length);
      prosemirrorJSONToYXmlFragment(outlineSchema, content, client.fragment);
    });
    const expected = client.fragment.toString();
    const shared = await server.app.collab.open(documentId);
    await waitFor(() => shared.doc.getXmlFragment('prosemirror').toString() === expected, 'the server holds the draft');
  } finally {
    client.destroy();
  }
}

/** GET with a bearer token; the body as bytes. */
export async function download(server: TestServer, path: string, token?: string): Promise<{ status: number; headers: Headers; body: Buffer }> {
  const response = await fetch(server.baseUrl + path, { headers: token === undefined ? {} : { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

/** Decodes the XML entities Word uses. */
export function xmlText(value: string): string {
  return value.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&');
}

/** The parts of a .docx as text, by name. */
export function docxParts(buffer: Buffer): Map<string, string> {
  return new Map([...unzip(buffer)].map(([name, data]) => [name, data.toString('utf8')]));
}

/** Each paragraph of an XML part: its properties (`w:pPr`) and its text (the `w:t` of its runs joined). */
export function paragraphsOf(xml: string): Array<{ xml: string; properties: string; text: string }> {
  return [...xml.matchAll(/<w:p(?:\s[^>]*[^/>])?>(.*?)<\/w:p>/gsu)].map((match) => {
    const inner = match[1] ?? '';
    return {
      xml: inner,
      properties: /<w:pPr>(.*?)<\/w:pPr>/su.exec(inner)?.[1] ?? '',
      text: [...inner.matchAll(/<w:t\b[^>]*>(.*?)<\/w:t>/gsu)].map((m) => xmlText(m[1] ?? '')).join(''),
    };
  });
}
