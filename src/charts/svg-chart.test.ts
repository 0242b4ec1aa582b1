import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CHART_PALETTE, AXIS_COLOR, MUTED_TEXT_COLOR, TEXT_COLOR, contrastRatio } from './chart-palette.js';
import { renderBarChart, renderChart, renderPieChart } from './svg-chart.js';

const units = ['区财政局', '区住建局', '区卫健局', '稷下街道'];

test('bar chart: an SVG with the category labels, labelled for screen readers', () => {
  const svg = renderBarChart({
    title: '各单位台账按时报送情况',
    categories: units,
    series: [{ name: '已完成', data: [12, 8, 5, 3] }, { name: '进行中', data: [2, 4, 6, 1] }],
    width: 640,
    height: 400,
  });
  assert.ok(svg.startsWith('<svg'), svg.slice(0, 80));
  assert.match(svg, /^<svg role="img" aria-label="各单位台账按时报送情况"/);
  assert.match(svg, /<title>各单位台账按时报送情况<\/title>/);
  for (const u of units) assert.ok(svg.includes(u), u);
  assert.ok(svg.includes('已完成') && svg.includes('进行中'), 'legend');
  assert.match(svg, /Noto Sans CJK SC/);
  assert.ok(svg.includes(CHART_PALETTE[0]), 'first series in the accessible palette');
});

test('horizontal bar chart keeps long unit names', () => {
  const svg = renderBarChart({ title: '公开条数', categories: ['临淄区人民政府办公室', '区行政审批服务局'], series: [{ name: '条数', data: [120, 80] }], horizontal: true });
  assert.ok(svg.includes('临淄区人民政府办公室'));
});

test('pie chart: slices labelled with names and shares', () => {
  const svg = renderPieChart({ title: '依申请公开办理结果', data: [{ name: '予以公开', value: 30 }, { name: '部分公开', value: 10 }, { name: '不予公开', value: 5 }] });
  assert.ok(svg.startsWith('<svg role="img" aria-label="依申请公开办理结果"'));
  for (const n of ['予以公开', '部分公开', '不予公开']) assert.ok(svg.includes(n), n);
});

test('renderChart: titles are escaped in the accessible name; a label can be given', () => {
  const svg = renderChart({ title: { text: '"A" & <B>' }, series: [] }, { width: 200, height: 100 });
  assert.match(svg, /aria-label="&quot;A&quot; &amp; &lt;B&gt;"/);
  const named = renderChart({ series: [] }, { width: 200, height: 100, ariaLabel: '空图' });
  assert.match(named, /aria-label="空图"/);
});

test('palette and text colours meet WCAG AA against white', () => {
  for (const c of [...CHART_PALETTE, TEXT_COLOR, MUTED_TEXT_COLOR]) {
    assert.ok(contrastRatio(c, '#ffffff') >= 4.5, `${c} ${contrastRatio(c, '#ffffff').toFixed(2)}`);
  }
  assert.ok(contrastRatio(AXIS_COLOR, '#ffffff') >= 3);
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
});

test('a process that renders charts exits on its own (charts are disposed)', () => {
  const mod = fileURLToPath(new URL('./svg-chart.ts', import.meta.url));
  const script = `
    const { renderBarChart, renderPieChart } = await import(${JSON.stringify(mod)});
    renderBarChart({ title: 't', categories: ['a'], series: [{ name: 's', data: [1] }] });
    renderPieChart({ title: 'p', data: [{ name: 'a', value: 1 }] });
    console.log('rendered');
  `;
  // The timeout only guards the test run against a hang; it is not a performance check.
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.signal, null, 'process had to be killed: something kept it alive');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'rendered');
});

test('no inline styles or <style> blocks: the CSP (style-src self) would ignore them', () => {
  const svg = renderPieChart({ title: '报送情况', data: [{ name: '已通过', value: 3 }, { name: '未报送', value: 1 }] });
  assert.ok(!/ style="/.test(svg), 'style attribute');
  assert.ok(!/<style/.test(svg), '<style> element');
  assert.match(svg, /font-size="\d+px"/);
  assert.match(svg, /font-family="'Noto Sans CJK SC'/);
});
