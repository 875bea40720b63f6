import { html, type Html } from './html.js';

// Charts drawn on the server as SVG: no script, no inline style (the page's CSP allows
// neither), colours and fonts from the stylesheet by class. Each chart is an image with
// a title and a description saying where its numbers are written out, since a table
// beside it carries the same figures for screen readers and for anyone who prefers text.

export interface Bar {
  /** Under the bar. */
  label: string;
  /** Null draws no bar but a dash: a value withheld or not there. */
  value: number | null;
}

export interface BarChartOptions {
  /** Unique on the page: names the title and description the image is labelled by. */
  id: string;
  title: string;
  description: string;
  bars: readonly Bar[];
  /** How a value is written above its bar and on the axis. */
  format: (value: number) => string;
}

const WIDTH = 720;
const HEIGHT = 280;
const LEFT = 48;
const RIGHT = 8;
const TOP = 24;
const BOTTOM = 40;

/** The smallest 1, 2 or 5 times a power of ten at or above `value`: a round top for the axis. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function barChart({ id, title, description, bars, format }: BarChartOptions): Html {
  const values = bars.map((bar) => bar.value).filter((value): value is number => value !== null);
  const top = niceCeiling(Math.max(0, ...values));
  const plotWidth = WIDTH - LEFT - RIGHT;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = bars.length === 0 ? plotWidth : plotWidth / bars.length;
  const barWidth = Math.min(48, Math.max(2, slot * 0.6));
  const y = (value: number) => TOP + plotHeight - (value / top) * plotHeight;
  const ticks = [0, top / 2, top];
  const round = (n: number) => Math.round(n * 10) / 10;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">
<title id="${id}-title">${title}</title>
<desc id="${id}-desc">${description}</desc>
${ticks.map(
  (tick) => html`<line class="chart-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(tick))}" y2="${round(y(tick))}"></line>
<text class="chart-axis-label" x="${LEFT - 6}" y="${round(y(tick) + 4)}" text-anchor="end">${format(tick)}</text>`,
)}
${bars.map((bar, i) => {
  const centre = LEFT + slot * i + slot / 2;
  const label = html`<text class="chart-label" x="${round(centre)}" y="${HEIGHT - BOTTOM + 18}" text-anchor="middle">${bar.label}</text>`;
  if (bar.value === null) {
    return html`${label}<text class="chart-value" x="${round(centre)}" y="${round(y(0) - 6)}" text-anchor="middle">–</text>`;
  }
  return html`${label}<rect class="chart-bar" x="${round(centre - barWidth / 2)}" y="${round(y(bar.value))}" width="${round(barWidth)}" height="${round(y(0) - y(bar.value))}"></rect>
<text class="chart-value" x="${round(centre)}" y="${round(y(bar.value) - 6)}" text-anchor="middle">${format(bar.value)}</text>`;
})}
<line class="chart-axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${round(y(0))}" y2="${round(y(0))}"></line>
</svg>`;
}
