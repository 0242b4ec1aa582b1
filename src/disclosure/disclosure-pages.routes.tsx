// Console pages around items: the re-review queue, the compliance view, and the category trees.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, sendHtml } from '../web/http.js';
import { addCategory, renameCategory } from './categories.service.js';
import { complianceByUnit, PROBLEM_LABELS } from './compliance.service.js';
import { ITEM_LABELS } from './disclosure.schema.js';
import * as items from './items.service.js';
import { ATTRIBUTE_LABELS, BASIS_LABELS } from './labels.js';
import { reviewQueue } from './review-queue.service.js';
import { invalidFields } from './route-helpers.js';
import { canManageCategories } from './item-policy.js';

async function categoriesPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const [catalog, topics] = await Promise.all([items.categoryOptions(req.ctx, 'catalog'), items.categoryOptions(req.ctx, 'topic')]);
  const meta = pageMeta(req, reply, '公开目录与主题分类');
  const Tree = (p: { caption: string; rows: typeof catalog }) => (
    <table class="gk-table">
      <caption>{p.caption}</caption>
      <thead><tr><th scope="col">代码</th><th scope="col">名称</th></tr></thead>
      <tbody>{p.rows.map((c) => <tr><td>{c.code}</td><td>{'　'.repeat(c.depth)}{c.name}</td></tr>)}</tbody>
    </table>
  );
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href="/console/items">返回政府信息列表</a></p>
      <Tree caption="公开目录" rows={catalog} />
      <Tree caption="主题分类" rows={topics} />
      {canManageCategories(req.ctx.actor) ? <>
        <h2>新增或重命名分类</h2>
        <p>代码一经使用不再更改；填写已有代码时只修改名称。</p>
        <ErrorSummary errors={form.errors} labels={ITEM_LABELS} />
        <Form action="/console/items/categories" csrf={meta.csrf!} submit="保存">
          <SelectField name="tree" label="分类树" form={form} required options={[{ value: 'catalog', label: '公开目录' }, { value: 'topic', label: '主题分类' }]} />
          <TextField name="code" label="代码" form={form} required maxlength={40} hint="小写字母、数字和连字符，如 zdly-jy" />
          <TextField name="name" label="名称" form={form} required maxlength={40} />
          <TextField name="parentCode" label="上级代码" form={form} maxlength={40} hint="顶级分类留空" />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

export async function disclosurePageRoutes(app: FastifyInstance) {
  app.get('/console/items/review-queue', async (req, reply) => {
    const rows = await reviewQueue(req.ctx);
    const meta = pageMeta(req, reply, '依申请公开、不予公开信息复核');
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>依申请公开和不予公开的信息每年复核一次：情况变化、可以公开的，转为主动公开；仍需维持的，记录复核意见。</p>
        <table class="gk-table">
          <caption>待复核信息（共 {rows.length} 条，其中 {rows.filter((r) => r.due).length} 条已到复核日期）</caption>
          <thead><tr><th scope="col">索引号</th><th scope="col">标题</th><th scope="col">发布机构</th><th scope="col">公开属性</th><th scope="col">依据</th><th scope="col">下次复核</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr>
              <td>{r.index_no}</td><td><a href={`/console/items/${r.id}`}>{r.title}</a></td><td>{r.unit_name}</td>
              <td>{ATTRIBUTE_LABELS[r.attribute]}</td><td>{r.withheld_basis ? BASIS_LABELS[r.withheld_basis] : '—'}</td>
              <td>{r.next_review_on ?? '—'}{r.due ? <> <span class="gk-tag gk-tag--overdue">已到期</span></> : null}</td>
            </tr>
          ))}</tbody>
        </table>
        <p><a href="/console/items">返回政府信息列表</a></p>
      </ConsoleLayout>
    ));
  });

  app.get('/console/compliance', async (req, reply) => {
    const q = req.query as Record<string, string>;
    const year = /^\d{4}$/.test(q.year ?? '') ? Number(q.year) : undefined;
    const rows = await complianceByUnit(req.ctx, { year });
    const meta = pageMeta(req, reply, '公开合规情况');
    const problems = rows.flatMap((u) => u.problems.map((p) => ({ ...p, unitName: u.unitName })));
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <form method="get" action="/console/compliance" class="gk-form">
          <TextField name="year" label="信息形成年度" type="number" form={emptyForm({ year: year ?? '' })} hint="留空统计全部" />
          <button type="submit" class="gk-button">统计</button>
        </form>
        <table class="gk-table">
          <caption>各单位主动公开时效（{year ? `${year}年` : '全部年度'}）</caption>
          <thead><tr><th scope="col">单位</th><th scope="col">按时公开</th><th scope="col">逾期公开</th><th scope="col">未到期</th><th scope="col">超期未公开</th><th scope="col">解读按时</th><th scope="col">解读逾期</th><th scope="col">有效期逾期</th></tr></thead>
          <tbody>{rows.map((u) => (
            <tr><td>{u.unitName}</td><td>{u.onTime}</td><td>{u.late}</td><td>{u.pending}</td><td>{u.overduePending}</td><td>{u.interpretationsOnTime}</td><td>{u.interpretationsLate}</td><td>{u.validityOverdue}</td></tr>
          ))}</tbody>
        </table>
        <h2>需要关注的信息</h2>
        {problems.length ? (
          <table class="gk-table">
            <caption class="visually-hidden">需要关注的信息</caption>
            <thead><tr><th scope="col">单位</th><th scope="col">问题</th><th scope="col">信息</th><th scope="col">应公开日期</th><th scope="col">发布日期</th></tr></thead>
            <tbody>{problems.map((p) => (
              <tr><td>{p.unitName}</td><td>{PROBLEM_LABELS[p.problem]}</td><td><a href={`/console/items/${p.itemId}`}>{p.title}</a>（{p.indexNo}）</td>
                <td>{p.problem === 'validity_overdue' ? `有效期至 ${p.validUntil}` : p.dueDate ?? '—'}</td><td>{p.publishedOn ?? '—'}</td></tr>
            ))}</tbody>
          </table>
        ) : <p>没有逾期或需要处理的信息。</p>}
      </ConsoleLayout>
    ));
  });

  app.get('/console/items/categories', (req, reply) => categoriesPage(req, reply, emptyForm()));
  app.post('/console/items/categories', async (req, reply) => {
    const body = formBody(req);
    try {
      const existing = (await items.categoryOptions(req.ctx, body.tree === 'topic' ? 'topic' : 'catalog')).some((c) => c.code === body.code);
      if (existing) await renameCategory(req.ctx, body);
      else await addCategory(req.ctx, body);
      return reply.redirect('/console/items/categories', 303);
    } catch (err) {
      const fields = invalidFields(err);
      if (fields) return categoriesPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });
}
