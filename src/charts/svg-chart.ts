// Server-side ECharts rendering to an SVG string, for pages that must work without
// JavaScript (annual report, assessment summaries) and for documents.
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import {
  AXIS_COLOR,
  CHART_FONT_FAMILY,
  CHART_PALETTE,
  GRID_COLOR,
  MUTED_TEXT_COLOR,
  TEXT_COLOR,
} from './chart-palette.js';

export type ChartSize = {
  width: number;
  height: number;
  /** Accessible name of the image; defaults to the option's title text. */
  ariaLabel?: string;
};

export type BarChartInput = {
  title: string;
  categories: string[];
  series: { name: string; data: number[] }[];
  width?: number;
  height?: number;
  /** Bars grow to the right: better for long Chinese unit names. */
  horizontal?: boolean;
};

export type PieChartInput = {
  title: string;
  data: { name: string; value: number }[];
  width?: number;
  height?: number;
};

const DEFAULT_WIDTH = 640;
const DEFAULT_HEIGHT = 400;

const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

const titleText = (option: EChartsOption): string | undefined => {
  const t = Array.isArray(option.title) ? option.title[0] : option.title;
  return typeof t?.text === 'string' && t.text !== '' ? t.text : undefined;
};

/** role="img" + aria-label on the root, and a <title> for tooltips and older readers. */
const labelSvg = (svg: string, label: string): string => {
  const open = svg.indexOf('>');
  if (!svg.startsWith('<svg') || open < 0) return svg;
  const safe = escapeXml(label);
  return `<svg role="img" aria-label="${safe}"${svg.slice(4, open + 1)}<title>${safe}</title>${svg.slice(open + 1)}`;
};

const PRESENTATION = new Set(['font-size', 'font-family', 'font-weight', 'font-style', 'fill', 'stroke', 'opacity', 'fill-opacity', 'stroke-width']);

/**
 * The pages' Content-Security-Policy (style-src 'self') ignores inline style attributes and
 * <style> elements, so the SVG carries none: zrender's style="font-size:…" becomes the equivalent
 * presentation attributes, and its <style> block (hover effects only) is dropped.
 */
export const withoutInlineStyles = (svg: string): string =>
  svg
    .replace(/<style\b[^>]*>[\s\S]*?<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_, decl: string) =>
      decl.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
        const i = d.indexOf(':');
        const prop = d.slice(0, i).trim().toLowerCase();
        const value = d.slice(i + 1).trim();
        return i > 0 && PRESENTATION.has(prop) ? ` ${prop}="${value.replace(/"/g, "'")}"` : '';
      }).join(''));

/**
 * Render any ECharts option to SVG. The chart is always disposed: an undisposed SSR
 * chart keeps zrender's animation timer alive and the Node process never exits.
 *
 * @example
 * const svg = renderChart({ title: { text: '按时完成率' }, series: [...] }, { width: 600, height: 360 });
 */
export const renderChart = (option: EChartsOption, size: ChartSize): string => {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    chart.setOption({
      color: [...CHART_PALETTE],
      textStyle: { fontFamily: CHART_FONT_FAMILY, color: TEXT_COLOR },
      ...option,
      // Static output: animation would only delay the first frame we serialise.
      animation: false,
    });
    return labelSvg(withoutInlineStyles(chart.renderToSVGString()), size.ariaLabel ?? titleText(option) ?? '图表');
  } finally {
    chart.dispose();
  }
};

const titleOption = (text: string): EChartsOption['title'] => ({
  text,
  left: 'center',
  textStyle: { fontFamily: CHART_FONT_FAMILY, color: TEXT_COLOR, fontSize: 16, fontWeight: 'bold' },
});

const axisStyle = {
  axisLine: { lineStyle: { color: AXIS_COLOR } },
  axisTick: { lineStyle: { color: AXIS_COLOR } },
  axisLabel: { color: MUTED_TEXT_COLOR, fontFamily: CHART_FONT_FAMILY },
  splitLine: { lineStyle: { color: GRID_COLOR } },
};

export const renderBarChart = (input: BarChartInput): string => {
  const multi = input.series.length > 1;
  const categoryAxis = {
    type: 'category' as const,
    data: input.categories,
    ...axisStyle,
    // Every unit name shown; horizontal bars list the first category at the top, in reading order.
    axisLabel: { ...axisStyle.axisLabel, interval: 0 },
    inverse: input.horizontal === true,
  };
  const valueAxis = { type: 'value' as const, ...axisStyle };
  return renderChart(
    {
      title: titleOption(input.title),
      legend: multi ? { top: 36, textStyle: { color: TEXT_COLOR, fontFamily: CHART_FONT_FAMILY } } : undefined,
      // containLabel makes room for axis labels only; value labels beside bars need margin.
      grid: { left: 16, right: input.horizontal ? 48 : 24, top: multi ? 76 : 52, bottom: 16, containLabel: true },
      xAxis: input.horizontal ? valueAxis : categoryAxis,
      yAxis: input.horizontal ? categoryAxis : valueAxis,
      series: input.series.map((s) => ({
        type: 'bar' as const,
        name: s.name,
        data: s.data,
        label: { show: true, position: input.horizontal ? ('right' as const) : ('top' as const), color: TEXT_COLOR },
      })),
    },
    { width: input.width ?? DEFAULT_WIDTH, height: input.height ?? DEFAULT_HEIGHT, ariaLabel: input.title },
  );
};

export const renderPieChart = (input: PieChartInput): string =>
  renderChart(
    {
      title: titleOption(input.title),
      series: [
        {
          type: 'pie',
          name: input.title,
          radius: ['0%', '60%'],
          center: ['50%', '55%'],
          data: input.data,
          // Slice colours meet 4.5:1, so labels drawn in them stay readable; white
          // borders keep adjacent slices apart for colour-blind readers.
          itemStyle: { borderColor: '#ffffff', borderWidth: 1 },
          label: { formatter: '{b}：{c}（{d}%）', fontFamily: CHART_FONT_FAMILY },
        },
      ],
    },
    { width: input.width ?? DEFAULT_WIDTH, height: input.height ?? DEFAULT_HEIGHT, ariaLabel: input.title },
  );
