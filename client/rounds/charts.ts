import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip, type ChartConfiguration } from 'chart.js';

// Only the pieces the dashboard draws, so the bundle carries no unused chart types.
Chart.register(ArcElement, BarController, BarElement, CategoryScale, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

/** One series of a chart. */
export interface Series {
  label: string;
  values: number[];
  /** One colour for the series, or one per value (a doughnut's slices). */
  color: string | string[];
  /** Drawn as a line over the bars (the cumulative responses), when the chart is a bar chart. */
  line?: boolean;
}

/** What a chart shows: its kind, the category labels and the series. */
export interface ChartSpec {
  kind: 'doughnut' | 'bar' | 'stacked-bar';
  labels: string[];
  series: Series[];
  /** Horizontal bars (long category names: sections, organisations). */
  horizontal?: boolean;
  /** Called with a category's index when it is clicked (to open its filtered comments). */
  onPick?: (index: number) => void;
}

/** A chart drawn on a canvas that can be given new data. */
export interface DrawnChart {
  canvas: HTMLCanvasElement;
  update(spec: ChartSpec): void;
  destroy(): void;
}

function configOf(spec: ChartSpec): ChartConfiguration {
  const stacked = spec.kind === 'stacked-bar';
  return {
    type: spec.kind === 'doughnut' ? 'doughnut' : 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.series.map((series) => ({
        type: spec.kind === 'doughnut' ? 'doughnut' : series.line ? 'line' : 'bar',
        label: series.label,
        data: series.values,
        backgroundColor: series.color,
        borderColor: series.color,
      })),
    } as ChartConfiguration['data'],
    options: {
      // Drawn at once: the page is printed and screenshotted, and live updates should not flicker.
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      indexAxis: spec.horizontal ? 'y' : 'x',
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined) spec.onPick?.(index);
      },
      plugins: { legend: { display: spec.kind !== 'bar' || spec.series.length > 1, position: 'bottom' } },
      ...(spec.kind === 'doughnut'
        ? {}
        : {
            scales: {
              x: { stacked, beginAtZero: true, ticks: { precision: 0 } },
              y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
            },
          }),
    },
  };
}

/**
 * Draws `spec` with Chart.js on a new canvas (inside `box`, which sets its size). The canvas is
 * hidden from assistive technology: the table beside every chart carries the same data.
 */
export function drawChart(box: HTMLElement, spec: ChartSpec): DrawnChart {
  const canvas = document.createElement('canvas');
  canvas.setAttribute('aria-hidden', 'true');
  box.replaceChildren(canvas);
  let chart = new Chart(canvas, configOf(spec));
  return {
    canvas,
    update(next) {
      // A new configuration is simplest and cheap at dashboard sizes; the canvas stays.
      chart.destroy();
      chart = new Chart(canvas, configOf(next));
    },
    destroy() {
      chart.destroy();
    },
  };
}
