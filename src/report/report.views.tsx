// The annual report in the official layout (国办公开办函〔2021〕30号): the six sections with tables 2–4
// after 二, 三 and 四; header cells with scope; the merged header cells of tables 3 and 4.
// Shared by the public page and the console preview.
import type { Child } from '#jsx/jsx-runtime';
import {
  TABLE2_BLOCKS, TABLE2_CORNER, TABLE3_CORNER, TABLE3_ROWS, TABLE4_COLUMNS, TABLE4_ROWS, T3_APPLICANT_COLUMNS,
  type Table2, type Table3, type Table4,
} from './report-format.js';
import type { AnnualReportDoc } from './report-generate.js';
import type { Check } from './report-checks.js';

const cell = (v: number | null | undefined) => (v === null || v === undefined ? '未填报' : String(v));

export const Table2View = (p: { t: Table2; notes: string[] }) => (
  <>
    {TABLE2_BLOCKS.map((b) => (
      <table class="gk-report-table">
        <caption>{b.caption}</caption>
        <thead><tr><th scope="col">{TABLE2_CORNER}</th>{b.columns.map((c) => <th scope="col">{c}</th>)}</tr></thead>
        <tbody>{b.rows.map((r) => (
          <tr><th scope="row">{r}</th>{b.columns.map((c) => <td>{cell(p.t[r]?.[c])}</td>)}</tr>
        ))}</tbody>
      </table>
    ))}
    {p.notes.length ? <ul class="gk-report__notes">{p.notes.map((n) => <li>{n}</li>)}</ul> : null}
  </>
);

/** Row headers of table 3: how many header columns each row spans and which group cells open on it. */
function table3RowHeads(): { row: (typeof TABLE3_ROWS)[number]; heads: Child[] }[] {
  const groupSize = (prefix: string) => TABLE3_ROWS.filter((r) => r.startsWith(`${prefix}/`)).length;
  const resultRows = TABLE3_ROWS.length - 3; // all but 一, 二 and 四
  const out: { row: (typeof TABLE3_ROWS)[number]; heads: Child[] }[] = [];
  TABLE3_ROWS.forEach((row, i) => {
    const heads: Child[] = [];
    if (i === 0 || i === 1 || i === TABLE3_ROWS.length - 1) heads.push(<th scope="row" colspan="3">{row}</th>);
    else {
      if (i === 2) heads.push(<th scope="rowgroup" rowspan={String(resultRows)}>三、本年度办理结果</th>);
      const slash = row.indexOf('/');
      if (slash < 0) heads.push(<th scope="row" colspan="2">{row}</th>);
      else {
        const parent = row.slice(0, slash);
        if (!TABLE3_ROWS[i - 1]!.startsWith(`${parent}/`)) heads.push(<th scope="rowgroup" rowspan={String(groupSize(parent))}>{parent}</th>);
        heads.push(<th scope="row">{row.slice(slash + 1)}</th>);
      }
    }
    out.push({ row, heads });
  });
  return out;
}

export const Table3View = (p: { t: Table3 }) => (
  <table class="gk-report-table gk-report-table--t3">
    <caption class="visually-hidden">收到和处理政府信息公开申请情况</caption>
    <thead>
      <tr><th scope="col" rowspan="3" colspan="3" class="gk-report__corner">{TABLE3_CORNER}</th><th scope="colgroup" colspan="7">申请人情况</th></tr>
      <tr><th scope="col" rowspan="2">自然人</th><th scope="colgroup" colspan="5">法人或其他组织</th><th scope="col" rowspan="2">总计</th></tr>
      <tr>{T3_APPLICANT_COLUMNS.slice(1).map((c) => <th scope="col">{c}</th>)}</tr>
    </thead>
    <tbody>{table3RowHeads().map(({ row, heads }) => (
      <tr>{heads}{T3_APPLICANT_COLUMNS.map((c) => <td>{cell(p.t[row]?.[c])}</td>)}<td>{cell(p.t[row]?.总计)}</td></tr>
    ))}</tbody>
  </table>
);

export const Table4View = (p: { t: Table4 }) => (
  <table class="gk-report-table gk-report-table--t4">
    <caption class="visually-hidden">政府信息公开行政复议、行政诉讼情况</caption>
    <thead>
      <tr><th scope="colgroup" colspan="5">行政复议</th><th scope="colgroup" colspan="10">行政诉讼</th></tr>
      <tr>
        {TABLE4_COLUMNS.map((c) => <th scope="col" rowspan="2">{c}</th>)}
        <th scope="colgroup" colspan="5">未经复议直接起诉</th><th scope="colgroup" colspan="5">复议后起诉</th>
      </tr>
      <tr>{[...TABLE4_COLUMNS, ...TABLE4_COLUMNS].map((c) => <th scope="col">{c}</th>)}</tr>
    </thead>
    <tbody><tr>{TABLE4_ROWS.flatMap((r) => TABLE4_COLUMNS.map((c) => <td>{cell(p.t[r]?.[c])}</td>))}</tr></tbody>
  </table>
);

export const ReportDocument = (p: { doc: AnnualReportDoc; headingLevel?: 1 | 2; meta?: Child }) => {
  const d = p.doc;
  const H = (q: { children?: Child }) => (p.headingLevel === 2 ? <h3>{q.children}</h3> : <h2>{q.children}</h2>);
  return (
    <article class="gk-report" lang="zh-CN">
      {p.headingLevel === 2 ? <h2>{d.title}</h2> : <h1>{d.title}</h1>}
      <p class="gk-report__scope">（统计范围：{d.unit}{d.scope}{d.version > 1 ? `；第${d.version}版` : ''}）</p>
      {p.meta}
      {d.sections.map((s, i) => (
        <section>
          <H>{s.title}</H>
          {s.paragraphs.length ? s.paragraphs.map((t) => <p>{t}</p>) : <p>（未填写）</p>}
          {i === 1 ? <Table2View t={d.table2} notes={d.table2Notes} /> : null}
          {i === 2 ? <Table3View t={d.table3} /> : null}
          {i === 3 ? <Table4View t={d.table4} /> : null}
        </section>
      ))}
    </article>
  );
};

const STATUS_TEXT = { PASS: '通过', FAIL: '不通过', UNCERTAIN: '待核实' } as const;

export const ChecksTable = (p: { checks: Check[]; showCells?: boolean }) => (
  <table class="gk-table">
    <caption>校验结果（通过 {p.checks.filter((c) => c.status === 'PASS').length} 项，不通过 {p.checks.filter((c) => c.status === 'FAIL').length} 项，待核实 {p.checks.filter((c) => c.status === 'UNCERTAIN').length} 项）</caption>
    <thead><tr><th scope="col">结果</th><th scope="col">校验</th><th scope="col">说明</th>{p.showCells ? <th scope="col">核对的单元格</th> : null}</tr></thead>
    <tbody>{[...p.checks].sort((a, b) => rank(a) - rank(b)).map((c) => (
      <tr>
        <td class={`gk-check--${c.status}`}>{STATUS_TEXT[c.status]}（{c.status}）</td>
        <td><code>{c.id}</code></td>
        <td>{c.message}</td>
        {p.showCells ? <td>{c.cells.length ? <details><summary>{c.cells.length}个</summary><ul>{c.cells.map((x) => <li>{x.ref}：{x.value === null ? '（空）' : String(x.value)}</li>)}</ul></details> : '—'}</td> : null}
      </tr>
    ))}</tbody>
  </table>
);
const rank = (c: Check) => (c.status === 'FAIL' ? 0 : c.status === 'UNCERTAIN' ? 1 : 2);
