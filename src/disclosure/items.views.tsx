// Console pages for information items: the list with filters, and the new/edit form.
import type { PageMeta } from '../web/components/layout.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField, type FormState } from '../web/components/form.js';
import { ITEM_LABELS } from './disclosure.schema.js';
import { TIMELINESS_LABELS, type Timeliness } from './item-rules.js';
import type { ItemRow } from './items.repo.js';
import {
  ATTRIBUTE_LABELS, ATTRIBUTES, BASIS_LABELS, INTERP_FORM_LABELS, INTERP_FORMS, ITEM_STATUSES, ITEM_TYPES, STATUS_LABELS, TYPE_LABELS, statusLabel,
} from './labels.js';
import { WITHHELD_BASIS_CODES } from './pure/legal-basis.js';

export const TimelinessTag = (p: { t: Timeliness }) => {
  if (p.t === 'none') return <span>—</span>;
  const cls = p.t === 'on_time' ? 'gk-tag gk-tag--ok' : p.t === 'pending' ? 'gk-tag' : 'gk-tag gk-tag--late';
  return <span class={cls}>{TIMELINESS_LABELS[p.t]}</span>;
};

type ListRow = ItemRow & { unit_name: string; timeliness: Timeliness };
type ListData = { rows: ListRow[]; total: number; page: number; pageSize: number; query: Record<string, unknown> };

const pageLink = (query: Record<string, unknown>, page: number) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '' && k !== 'page') q.set(k, String(v));
  q.set('page', String(page));
  return `/console/items?${q.toString()}`;
};

export const ItemListView = (p: { meta: PageMeta; data: ListData; canCreate: boolean; filter: FormState }) => {
  const { data } = p;
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  return (
    <ConsoleLayout meta={p.meta}>
      <ul class="gk-list">
        {p.canCreate ? <li><a href="/console/items/new">新建政府信息</a></li> : null}
        <li><a href="/console/items/review-queue">依申请公开、不予公开信息复核</a></li>
        <li><a href="/console/gazette">政府公报</a></li>
      </ul>
      <form method="get" action="/console/items" class="gk-form" aria-label="筛选政府信息">
        <SelectField name="status" label="状态" form={p.filter} options={ITEM_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))} />
        <SelectField name="itemType" label="信息类型" form={p.filter} options={ITEM_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} />
        <SelectField name="attribute" label="公开属性" form={p.filter} options={ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a] }))} />
        <TextField name="q" label="标题、文号或索引号" type="search" form={p.filter} maxlength={100} />
        <button type="submit" class="gk-button">筛选</button>
      </form>
      <table class="gk-table">
        <caption>政府信息（共 {data.total} 条）</caption>
        <thead><tr><th scope="col">索引号</th><th scope="col">标题</th><th scope="col">类型</th><th scope="col">发布机构</th><th scope="col">公开属性</th><th scope="col">状态</th><th scope="col">公开期限</th></tr></thead>
        <tbody>{data.rows.map((r) => (
          <tr>
            <td>{r.index_no}</td>
            <td><a href={`/console/items/${r.id}`}>{r.title}</a>{r.doc_number ? <div class="gk-muted">{r.doc_number}</div> : null}</td>
            <td>{TYPE_LABELS[r.item_type]}</td>
            <td>{r.unit_name}</td>
            <td>{ATTRIBUTE_LABELS[r.attribute]}</td>
            <td class="js-item-status">{statusLabel(r)}</td>
            <td>{r.due_date ? <>{r.due_date} <TimelinessTag t={r.timeliness} /></> : '—'}</td>
          </tr>
        ))}</tbody>
      </table>
      {data.rows.length === 0 ? <p>没有符合条件的政府信息。</p> : null}
      {pages > 1 ? (
        <nav class="gk-pagination" aria-label="分页">
          {data.page > 1 ? <a href={pageLink(data.query, data.page - 1)}>上一页</a> : null}
          <span>第 {data.page} / {pages} 页</span>
          {data.page < pages ? <a href={pageLink(data.query, data.page + 1)}>下一页</a> : null}
        </nav>
      ) : null}
    </ConsoleLayout>
  );
};

export type FormOptions = {
  units: { id: number; name: string }[];
  catalog: { code: string; name: string; depth: number }[];
  topics: { code: string; name: string; depth: number }[];
  policies: { id: number; index_no: string; title: string }[];
};

const indent = (c: { name: string; depth: number }) => `${'　'.repeat(c.depth)}${c.name}`;

export const ItemFormView = (p: { meta: PageMeta; form: FormState; options: FormOptions; action: string; submit: string; chooseUnit: boolean }) => {
  const f = p.form;
  return (
    <ConsoleLayout meta={p.meta}>
      <ErrorSummary errors={f.errors} labels={ITEM_LABELS} />
      <Form action={p.action} csrf={p.meta.csrf!} submit={p.submit}>
        <fieldset>
          <legend>基本信息</legend>
          {p.chooseUnit ? <SelectField name="unitId" label="发布机构" form={f} required options={p.options.units.map((u) => ({ value: u.id, label: u.name }))} /> : null}
          <SelectField name="itemType" label="信息类型" form={f} required options={ITEM_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))} />
          <TextField name="title" label="标题" form={f} required maxlength={200} />
          <TextField name="docNumber" label="文号" form={f} maxlength={100} hint="如：临政办字〔2022〕16号；没有文号可不填" />
          <SelectField name="categoryCode" label="公开目录（不选则按信息类型归入默认目录）" form={f} options={p.options.catalog.map((c) => ({ value: c.code, label: indent(c) }))} />
          <SelectField name="topicCode" label="主题分类" form={f} options={p.options.topics.map((c) => ({ value: c.code, label: indent(c) }))} />
          <TextField name="writtenOn" label="成文日期" type="date" form={f} />
          <TextField name="formedOn" label="信息形成（变更）日期" type="date" form={f} required hint="主动公开期限从这一天的次日起算：一般20个工作日，行政处罚决定7个工作日" />
          <TextField name="disclosureDays" label="公开时限（工作日）" type="number" form={f} hint="留空按法定时限；法律另有规定的填写规定的天数" />
        </fieldset>
        <fieldset>
          <legend>公开属性（源头认定）</legend>
          <SelectField name="attribute" label="公开属性" form={f} required options={ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a] }))} />
          <SelectField name="withheldBasis" label="不予公开依据" form={f} options={WITHHELD_BASIS_CODES.map((c) => ({ value: c, label: BASIS_LABELS[c]! }))} />
          <TextArea name="attributeReason" label="认定理由" form={f} rows={3} hint="不予公开必须选择依据并说明理由；依申请公开建议说明理由" />
        </fieldset>
        <fieldset>
          <legend>正文</legend>
          <TextArea name="body" label="正文" form={f} rows={16} required hint="可粘贴 Word 导出的 HTML 或纯文本；脚本、事件属性和不安全链接会被自动清除" />
        </fieldset>
        <fieldset>
          <legend>行政规范性文件、政策文件</legend>
          <TextField name="validUntil" label="有效期至" type="date" form={f} hint="仅行政规范性文件；到期后自动标记为已失效" />
          <Checkbox name="needsInterpretation" label="需要政策解读（其他政策文件；行政规范性文件一律需要）" checked={Boolean(f.values.needsInterpretation)} />
        </fieldset>
        <fieldset>
          <legend>政策解读</legend>
          <SelectField name="policyItemId" label="所解读的政策文件" form={f} options={p.options.policies.map((x) => ({ value: x.id, label: `${x.title}（${x.index_no}）` }))} />
          <SelectField name="interpForm" label="解读形式" form={f} options={INTERP_FORMS.map((x) => ({ value: x, label: INTERP_FORM_LABELS[x] }))} />
        </fieldset>
      </Form>
    </ConsoleLayout>
  );
};
