import type { RoundDashboard, RoundRow } from '../api/round-endpoints.ts';
import { formatCalendarDate } from '../comments/time-format.ts';
import { t, type MessageKey } from '../i18n/index.ts';
import { reviewFilteredPath, type ReviewFilterQuery } from '../router.ts';
import { DISPLAY_TIME_ZONE, formatDateTime } from '../../document-model/date-time.ts';
import { h } from '../ui/dom.ts';
import { drawChart, type ChartSpec, type DrawnChart } from './charts.ts';
import { DECISION_COLORS, ROUND_STATUSES, roundStatusKey, STATUS_COLORS } from './labels.ts';

/** The longest timeline drawn, in days (a round lasts weeks; beyond this the table still lists every answer). */
const MAX_TIMELINE_DAYS = 120;

/** A cell of a data table: text, or text linking to the comments it counts. */
type Cell = string | { text: string; href: string | null };

/** One panel's data as the chart and its table share it. */
interface PanelData {
  chart: ChartSpec;
  /** Column headings; the first column holds each row's heading (`th scope="row"`). */
  columns: MessageKey[];
  rows: Array<{ cells: Cell[]; attrs?: Record<string, string> }>;
  caption: string;
}

/** `YYYY-MM-DD` of an instant in Viet Nam (the days of the server's timeline). */
function vietNamDay(iso: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** A category label short enough for a chart's axis; the table beside it has the full text. */
function shortLabel(text: string): string {
  return text.length <= 32 ? text : `${text.slice(0, 31)}…`;
}

/** The day after `day` (`YYYY-MM-DD`). */
function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The dashboard's four panels as data, from the API's answer. `link` makes a review desk address, or null when the viewer has no desk. */
function panels(data: RoundDashboard, link: (filters: ReviewFilterQuery) => string | null): Record<'statuses' | 'timeline' | 'sections' | 'decisions', PanelData> {
  const round = data.round.id;
  const statusLabels = ROUND_STATUSES.map((status) => t(roundStatusKey(status)));
  const statuses: PanelData = {
    caption: t('rounds.chart.statusesCaption'),
    columns: ['rounds.col.status', 'rounds.col.count'],
    chart: { kind: 'doughnut', labels: statusLabels, series: [{ label: t('rounds.col.count'), values: ROUND_STATUSES.map((status) => data.counts[status]), color: ROUND_STATUSES.map((status) => STATUS_COLORS[status]) }] },
    rows: ROUND_STATUSES.map((status, index) => ({ cells: [statusLabels[index] ?? status, String(data.counts[status])], attrs: { 'data-status': status } })),
  };

  // Every day from the opening to the deadline (or to today / the last answer, if later), capped.
  const answered = new Map(data.responsesOverTime.map((point) => [point.date, point.responses]));
  const deadlineDay = vietNamDay(data.deadline);
  const lastDay = [deadlineDay, vietNamDay(data.now), ...answered.keys()].sort().at(-1) ?? deadlineDay;
  const days: string[] = [];
  for (let day = vietNamDay(data.round.openedAt); day <= lastDay && days.length < MAX_TIMELINE_DAYS; day = nextDay(day)) days.push(day);
  let running = 0;
  const cumulative = days.map((day) => (running = answered.get(day) ?? running));
  const timeline: PanelData = {
    caption: t('rounds.chart.timelineCaption', { deadline: formatDateTime(data.deadline, DISPLAY_TIME_ZONE) }),
    columns: ['rounds.col.date', 'rounds.col.responses'],
    chart: {
      kind: 'bar',
      labels: days.map(formatCalendarDate),
      series: [
        { label: t('rounds.col.responses'), values: cumulative, color: STATUS_COLORS.responded, line: true },
        { label: t('rounds.deadlineMark'), values: days.map((day) => (day === deadlineDay ? data.organizations.length : 0)), color: STATUS_COLORS.overdue },
      ],
    },
    rows: data.responsesOverTime.map((point) => ({
      cells: [formatCalendarDate(point.date) + (point.date > deadlineDay ? ` ${t('rounds.responseLate')}` : ''), String(point.responses)],
    })),
  };

  const sectionName = (section: RoundDashboard['sections'][number]): string =>
    section.sectionId === null ? t('rounds.noSection') : [section.sectionNumber, section.sectionTitle].filter((part) => part !== null && part !== '').join(' ');
  const sections: PanelData = {
    caption: t('rounds.chart.sectionsCaption'),
    columns: ['rounds.col.section', 'rounds.col.comments'],
    chart: {
      kind: 'bar',
      horizontal: true,
      labels: data.sections.map((section) => shortLabel(sectionName(section))),
      series: [{ label: t('rounds.col.comments'), values: data.sections.map((section) => section.count), color: '#0072b2' }],
    },
    rows: data.sections.map((section) => ({
      cells: [sectionName(section), { text: String(section.count), href: section.sectionId === null ? link({ round }) : link({ round, section: section.sectionId }) }],
    })),
  };

  const groups: Array<{ key: MessageKey; count: (row: RoundRow) => number; status?: string }> = [
    { key: 'rounds.col.accepted', count: (row) => row.decisions.accepted, status: 'accepted' },
    { key: 'rounds.col.partly', count: (row) => row.decisions.partially_accepted, status: 'partially_accepted' },
    { key: 'rounds.col.notAccepted', count: (row) => row.decisions.not_accepted, status: 'not_accepted' },
    { key: 'rounds.col.pending', count: (row) => row.decisions.open + row.decisions.under_review },
  ];
  const withComments = data.organizations.filter((row) => row.commentCount > 0);
  const decisions: PanelData = {
    caption: t('rounds.chart.decisionsCaption'),
    columns: ['rounds.col.organization', ...groups.map((group) => group.key)],
    chart: {
      kind: 'stacked-bar',
      horizontal: true,
      labels: withComments.map((row) => row.organization.shortName),
      series: groups.map((group, index) => ({ label: t(group.key), values: withComments.map(group.count), color: DECISION_COLORS[index] ?? '#999' })),
    },
    rows: withComments.map((row) => ({
      cells: [
        row.organization.name,
        ...groups.map((group) => ({ text: String(group.count(row)), href: link({ round, organization: row.organization.id, ...(group.status === undefined ? {} : { status: group.status }) }) })),
      ],
      attrs: { 'data-organization-id': row.organization.id },
    })),
  };
  // Clicking a bar opens the comments it counts, as the table's links do.
  sections.chart.onPick = (index) => {
    const href = sections.rows[index]?.cells[1];
    if (typeof href === 'object' && href.href !== null) location.assign(href.href);
  };
  decisions.chart.onPick = (index) => {
    const organization = withComments[index]?.organization.id;
    const href = organization === undefined ? null : link({ round, organization });
    if (href !== null) location.assign(href);
  };
  return { statuses, timeline, sections, decisions };
}

/** A data table: caption, column headings with `scope="col"`, each row's first cell a `th scope="row"`. */
function dataTable(panel: PanelData, className: string): HTMLTableElement {
  const cell = (value: Cell, index: number): HTMLElement => {
    const content = typeof value === 'string' ? value : value.href === null ? value.text : h('a', { text: value.text, attrs: { href: value.href } });
    return index === 0 ? h('th', { attrs: { scope: 'row' } }, [content]) : h('td', {}, [content]);
  };
  return h('table', { className: `table round-table ${className}` }, [
    h('caption', { text: panel.caption }),
    h('thead', {}, [h('tr', {}, panel.columns.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })))]),
    h(
      'tbody',
      {},
      panel.rows.length === 0
        ? [h('tr', {}, [h('td', { i18n: 'rounds.noData', attrs: { colspan: String(panel.columns.length) } })])]
        : panel.rows.map((row) => h('tr', { attrs: row.attrs ?? {} }, row.cells.map(cell))),
    ),
  ]);
}

/** The table of every organisation the viewer sees: status, response letter, comments (linked to them). */
function organizationsTable(data: RoundDashboard, link: (filters: ReviewFilterQuery) => string | null): HTMLTableElement {
  const columns: MessageKey[] = ['rounds.col.organization', 'rounds.col.status', 'rounds.col.response', 'rounds.col.comments'];
  return h('table', { className: 'table round-table round-organizations', attrs: { id: 'round-organizations' } }, [
    h('caption', { i18n: 'rounds.organizationsTable' }),
    h('thead', {}, [h('tr', {}, columns.map((key) => h('th', { i18n: key, attrs: { scope: 'col' } })))]),
    h(
      'tbody',
      {},
      data.organizations.map((row) => {
        const href = link({ round: data.round.id, organization: row.organization.id });
        const response =
          row.response === null
            ? ''
            : `${t('rounds.letter', { number: row.response.documentNumber, date: formatCalendarDate(row.response.date) })}${row.response.late ? ` ${t('rounds.responseLate')}` : ''}`;
        return h('tr', { attrs: { 'data-organization-id': row.organization.id, 'data-status': row.status } }, [
          h('th', { text: row.organization.name, attrs: { scope: 'row' } }),
          h('td', {}, [h('span', { className: `round-status round-status--${row.status}`, text: t(roundStatusKey(row.status)) })]),
          h('td', { text: response }),
          h('td', {}, [href === null ? String(row.commentCount) : h('a', { text: String(row.commentCount), attrs: { href } })]),
        ]);
      }),
    ),
  ]);
}

/** The dashboard of a round: keeps its charts and redraws everything from new data. */
export interface DashboardView {
  element: HTMLElement;
  /** Shows `data` (tables rebuilt, charts redrawn in place). */
  show(data: RoundDashboard): void;
  destroy(): void;
}

const PANELS = [
  ['statuses', 'rounds.chart.statuses'],
  ['timeline', 'rounds.chart.timeline'],
  ['sections', 'rounds.chart.sections'],
  ['decisions', 'rounds.chart.decisions'],
] as const satisfies ReadonlyArray<[string, MessageKey]>;

/**
 * The round's dashboard: the organisations table, then four panels (organisations by status,
 * responses over time against the deadline, comments per section, decisions by organisation),
 * each a Chart.js chart with its data as a table beside it. With `reviewable`, counts link to
 * the review desk filtered to the comments they count (and clicking a bar does the same).
 */
export function createDashboardView(documentId: string, reviewable: boolean): DashboardView {
  const link = (filters: ReviewFilterQuery): string | null => (reviewable ? reviewFilteredPath(documentId, filters) : null);
  const updated = h('p', { className: 'muted round-updated', attrs: { 'aria-live': 'polite' } });
  const organizations = h('div', { className: 'round-organizations-slot' });
  const charts = new Map<string, DrawnChart>();
  const slots = PANELS.map(([name, title]) => {
    const chart = h('div', { className: 'round-chart' });
    const table = h('div', { className: 'round-panel__table' });
    const panel = h('section', { className: 'card round-panel', attrs: { 'data-panel': name } }, [h('h3', { i18n: title }), h('div', { className: 'round-panel__body' }, [chart, table])]);
    return { name, chart, table, panel };
  });
  const element = h('section', { className: 'round-dashboard', attrs: { 'aria-labelledby': 'round-dashboard-title' } }, [
    h('h2', { i18n: 'rounds.dashboard', attrs: { id: 'round-dashboard-title' } }),
    h('p', { className: 'muted no-print', i18n: 'rounds.live' }),
    updated,
    organizations,
    h('div', { className: 'round-panels' }, slots.map((slot) => slot.panel)),
  ]);
  return {
    element,
    show(data) {
      element.dataset.updatedAt = data.now;
      updated.textContent = t('rounds.updated', { time: formatDateTime(data.now) });
      organizations.replaceChildren(organizationsTable(data, link));
      const all = panels(data, link);
      for (const slot of slots) {
        const panel = all[slot.name];
        slot.table.replaceChildren(dataTable(panel, `round-table--${slot.name}`));
        const drawn = charts.get(slot.name);
        if (drawn) drawn.update(panel.chart);
        else charts.set(slot.name, drawChart(slot.chart, panel.chart));
      }
    },
    destroy() {
      for (const chart of charts.values()) chart.destroy();
    },
  };
}
