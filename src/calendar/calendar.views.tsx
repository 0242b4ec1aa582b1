// How a due date was computed: the counted and the skipped days, with reasons.
import type { WorkingDayExplanation } from './working-calendar.js';

export const Explanation = (p: { start: string; days: number; result: WorkingDayExplanation }) => (
  <section aria-labelledby="calc-result">
    <h3 id="calc-result">到期日：<strong>{p.result.due}</strong></h3>
    <p>自 {p.start} 起（当日不计入）第 {p.days} 个工作日。</p>
    {p.result.warnings.map((w) => <div class="gk-warning" role="alert">{w}</div>)}
    <details open={p.days <= 40}>
      <summary>计算过程：计入 {p.result.counted.length} 个工作日，跳过 {p.result.skipped.length} 天</summary>
      <table class="gk-table">
        <caption class="visually-hidden">逐日计算过程</caption>
        <thead><tr><th scope="col">日期</th><th scope="col">计入/跳过</th></tr></thead>
        <tbody>{[...p.result.counted.map((c) => ({ date: c.date, text: `第${c.ordinal}个工作日` })), ...p.result.skipped.map((s) => ({ date: s.date, text: `跳过（${s.reason}）` }))]
          .sort((a, b) => (a.date < b.date ? -1 : 1)).map((r) => <tr><td>{r.date}</td><td>{r.text}</td></tr>)}</tbody>
      </table>
    </details>
  </section>
);
