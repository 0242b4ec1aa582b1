// The item page: metadata, body, attachments, privacy hits, workflow actions, validity, interpretations, history.
import { raw } from '#jsx/jsx-runtime';
import { ConsoleLayout, type PageMeta } from '../web/components/layout.js';
import { Checkbox, CsrfField, ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { ITEM_LABELS } from './disclosure.schema.js';
import type { ItemDetail } from './item-detail.service.js';
import { HISTORY_LABELS } from './item-history.js';
import { TimelinessTag } from './items.views.js';
import {
  ATTRIBUTE_LABELS, ATTRIBUTES, BASIS_LABELS, INTERP_FORM_LABELS, PRIVACY_KIND_LABELS, TYPE_LABELS, VALIDITY_LABELS, statusLabel, type InterpForm,
} from './labels.js';
import { WITHHELD_BASIS_CODES } from './pure/legal-basis.js';
import { sanitizeBody } from './pure/sanitize.js';
import { cst } from './route-helpers.js';
import type { PickRow } from './item-picker.service.js';
import { PickerResults, PickerSearch, pickTitle, type PickerProps } from './item-picker.views.js';

/** Which form on the page failed (its state is shown in place), plus page-level messages. */
export type DetailState = {
  notice?: string;
  alert?: string;
  form?: { key: string; state: FormState };
  keepError?: { index: number; message: string };
};

export const FORM_LABELS: Record<string, string> = {
  ...ITEM_LABELS, exemptReason: '免于解读理由', vAction: '有效性变更', vByItemId: '新文件', vReason: '理由', vuValidUntil: '有效期至', vuReason: '理由',
  rkNote: '复核意见', rkNextReviewOn: '下次复核日期', cvReason: '转为主动公开的理由', file: '附件',
};

const stateFor = (s: DetailState, key: string, initial: Record<string, unknown> = {}): FormState =>
  s.form?.key === key ? s.form.state : emptyForm(initial);

const Action = (p: { action: string; csrf: string; label: string; secondary?: boolean; confirm?: string }) => (
  <form method="post" action={p.action} class={`gk-inline${p.confirm ? ' js-confirm' : ''}`} data-confirm={p.confirm}>
    <CsrfField token={p.csrf} />
    <button type="submit" class={`gk-button${p.secondary ? ' gk-button--secondary' : ''}`}>{p.label}</button>
  </form>
);

const Meta = (p: { d: ItemDetail }) => {
  const { item } = p.d;
  return (
    <dl class="gk-meta">
      <dt>索引号</dt><dd>{item.index_no}</dd>
      <dt>发布机构</dt><dd>{p.d.unit.name}</dd>
      <dt>信息类型</dt><dd>{TYPE_LABELS[item.item_type]}</dd>
      <dt>文号</dt><dd>{item.doc_number || '—'}</dd>
      <dt>公开目录</dt><dd>{p.d.categoryName}</dd>
      <dt>主题分类</dt><dd>{p.d.topicName ?? '—'}</dd>
      <dt>成文日期</dt><dd>{item.written_on ?? '—'}</dd>
      <dt>信息形成（变更）日期</dt><dd>{item.formed_on}</dd>
      <dt>公开属性</dt><dd>{ATTRIBUTE_LABELS[item.attribute]}{item.withheld_basis ? `（${BASIS_LABELS[item.withheld_basis]}）` : ''}{item.attribute_reason ? `；理由：${item.attribute_reason}` : ''}</dd>
      <dt>状态</dt><dd><span class="js-item-status">{statusLabel(item)}</span></dd>
      <dt>公开期限</dt><dd>{item.due_date
        ? <>{item.due_date}（{item.item_type === 'interpretation' ? '政策文件发布后3个工作日' : `${item.disclosure_days}个工作日`}）<TimelinessTag t={p.d.timeliness} />{' '}
          {item.item_type !== 'interpretation' ? <a href={`/console/calendar?start=${item.formed_on}&days=${item.disclosure_days}`}>查看计算过程</a> : null}</>
        : item.item_type === 'interpretation' && item.attribute === 'proactive' ? '政策文件发布后起算' : '—'}</dd>
      <dt>发布日期</dt><dd>{item.published_on ?? '—'}{item.imported_from ? `（历史信息导入，来源：${item.imported_from}；不计入公开时效）` : ''}</dd>
      {item.item_type === 'normative' ? <><dt>有效性</dt><dd>{item.validity ? VALIDITY_LABELS[item.validity] : '—'}</dd><dt>有效期至</dt><dd>{item.valid_until ?? '不设'}</dd></> : null}
      {p.d.replacedBy ? <><dt>修改或废止文件</dt><dd><a href={`/console/items/${p.d.replacedBy.id}`}>{p.d.replacedBy.title}</a></dd></> : null}
      {item.item_type === 'interpretation' ? <><dt>所解读的政策文件</dt><dd>{p.d.policy ? <a href={`/console/items/${p.d.policy.id}`}>{p.d.policy.title}</a> : '—'}</dd><dt>解读形式</dt><dd>{item.interp_form ? INTERP_FORM_LABELS[item.interp_form as InterpForm] : '—'}</dd></> : null}
      {p.d.needsInterpretation ? <><dt>政策解读</dt><dd>{item.interp_exempt_reason ? `免于解读：${item.interp_exempt_reason}` : `需要（已有 ${p.d.interpretations.length} 篇）`}</dd></> : null}
      {item.next_review_on ? <><dt>下次复核</dt><dd>{item.next_review_on}</dd></> : null}
    </dl>
  );
};

const PrivacySection = (p: { d: ItemDetail; csrf: string; s: DetailState }) => {
  const { hits } = p.d;
  const unscanned = p.d.attachments.filter((a) => !a.scanned);
  return (
    <section aria-labelledby="h-privacy">
      <h2 id="h-privacy">个人信息检查</h2>
      {unscanned.length ? <p class="gk-warning">以下附件无法自动检查，请人工核对是否含有个人信息：{unscanned.map((a) => a.file_name).join('、')}</p> : null}
      {hits.length === 0 ? <p>未发现身份证号、手机号、银行卡号、电子邮箱等个人信息。</p> : (
        <table class="gk-table">
          <caption>发现 {hits.length} 处疑似个人信息，其中 {hits.filter((h) => h.blocking).length} 处须处理后才能提交和发布</caption>
          <thead><tr><th scope="col">位置</th><th scope="col">类型</th><th scope="col">上下文</th><th scope="col">处理</th></tr></thead>
          <tbody>{hits.map((h, i) => (
            <tr>
              <td>{h.sourceLabel}</td>
              <td>{PRIVACY_KIND_LABELS[h.kind]}{h.severity === 'low' ? '（提示）' : ''}</td>
              <td>{h.context.clippedBefore ? '…' : ''}{h.context.before}<mark>{h.context.match}</mark>{h.context.after}{h.context.clippedAfter ? '…' : ''}</td>
              <td>
                {h.kept ? <p>已由 {h.kept.by} 保留：{h.kept.reason}</p> : h.kind === 'id_card_suspect' ? <p>可能是写错一位的身份证号，请核对；不阻止发布</p> : h.severity === 'low' ? <p>通常可公开（如机关办公电话、政府邮箱），不阻止发布</p> : <p><strong>须处理</strong></p>}
                {p.d.can.mask && h.maskable && !h.kept ? (
                  <form method="post" action={`/console/items/${p.d.item.id}/privacy/mask`} class="gk-inline">
                    <CsrfField token={p.csrf} />
                    <input type="hidden" name="source" value={h.source} /><input type="hidden" name="start" value={String(h.start)} /><input type="hidden" name="text" value={h.text} />
                    <button type="submit" class="gk-button gk-button--secondary">遮盖为 {h.masked}<span class="visually-hidden">（第{i + 1}处）</span></button>
                  </form>
                ) : null}
                {p.d.can.mask && !h.maskable && h.blocking ? <p>附件中的内容请删除附件并上传处理后的版本。</p> : null}
                {p.d.can.keep && !h.kept && h.severity === 'high' ? (
                  <form method="post" action={`/console/items/${p.d.item.id}/privacy/keep`} class="gk-form">
                    <CsrfField token={p.csrf} />
                    <input type="hidden" name="kind" value={h.kind} /><input type="hidden" name="text" value={h.text} />
                    <div class={`gk-field${p.s.keepError?.index === i ? ' gk-field--error' : ''}`}>
                      <label for={`f-keep-${i}`}>保留理由（第{i + 1}处）</label>
                      {p.s.keepError?.index === i ? <p class="gk-field-error" id={`e-keep-${i}`}>{p.s.keepError.message}</p> : null}
                      <input type="text" id={`f-keep-${i}`} name="reason" maxlength={500} aria-describedby={p.s.keepError?.index === i ? `e-keep-${i}` : undefined} />
                    </div>
                    <button type="submit" class="gk-button gk-button--secondary">审核人确认保留<span class="visually-hidden">（第{i + 1}处）</span></button>
                  </form>
                ) : null}
              </td>
            </tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
};

const WorkflowSection = (p: { d: ItemDetail; csrf: string; s: DetailState }) => {
  const { item, can } = p.d;
  const id = item.id;
  const signoff = stateFor(p.s, 'publish', { attribute: item.attribute, withheldBasis: item.withheld_basis ?? '', attributeReason: item.attribute_reason ?? '', publishedOn: p.d.today });
  const any = can.edit || can.submit || can.recall || can.signOff || can.unpublish || can.reopen || can.exempt || can.review;
  if (!any) return null;
  return (
    <section aria-labelledby="h-workflow">
      <h2 id="h-workflow">办理</h2>
      <div>
        {can.edit ? <><a href={`/console/items/${id}/edit`}>修改</a>{' '}</> : null}
        {can.submit ? <Action action={`/console/items/${id}/submit`} csrf={p.csrf} label="提交审核" /> : null}
        {can.recall ? <Action action={`/console/items/${id}/recall`} csrf={p.csrf} label="撤回提交" secondary /> : null}
        {can.reopen ? <Action action={`/console/items/${id}/reopen`} csrf={p.csrf} label="重新编辑" secondary /> : null}
      </div>
      {can.signOff ? <>
        <h3>保密审查与公开属性签发</h3>
        <ErrorSummary errors={signoff.errors} labels={FORM_LABELS} />
        <Form action={`/console/items/${id}/publish`} csrf={p.csrf} submit="签发">
          <Checkbox name="confidentialityChecked" label="我已对本信息进行保密审查，确认不涉及国家秘密，可按下列属性处理" checked={Boolean(signoff.values.confidentialityChecked)} />
          {signoff.errors.confidentialityChecked ? <p class="gk-field-error" id="e-confidentialityChecked">{signoff.errors.confidentialityChecked}</p> : null}
          <SelectField name="attribute" label="公开属性" form={signoff} required options={ATTRIBUTES.map((a) => ({ value: a, label: ATTRIBUTE_LABELS[a] }))} />
          <SelectField name="withheldBasis" label="不予公开依据" form={signoff} options={WITHHELD_BASIS_CODES.map((c) => ({ value: c, label: BASIS_LABELS[c]! }))} />
          <TextArea name="attributeReason" label="认定理由" form={signoff} rows={2} />
          <p class="gk-hint">发布日期：签发当日（{p.d.today}），由系统记录，不能修改。</p>
          {p.d.wording.length ? <div class="gk-warning" role="note">
            <p>用词检查提示（敏感词、领导姓名职务、错别字），请逐项核对：</p>
            <ul>{p.d.wording.map((w) => <li>{w.message}</li>)}</ul>
            <Checkbox name="wordingConfirmed" label="已核对用词检查提示，确认无误" checked={Boolean(signoff.values.wordingConfirmed)} />
          </div> : null}
          <TextField name="nextReviewOn" label="下次复核日期" type="date" form={signoff} hint="依申请公开、不予公开信息，默认一年后" />
        </Form>
        <h3>退回修改</h3>
        <ErrorSummary errors={stateFor(p.s, 'return').errors} labels={FORM_LABELS} />
        <Form action={`/console/items/${id}/return`} csrf={p.csrf} submit="退回">
          <TextArea name="comment" label="退回意见" form={stateFor(p.s, 'return')} rows={2} required />
        </Form>
      </> : null}
      {can.exempt ? <>
        <h3>免于政策解读</h3>
        <Form action={`/console/items/${id}/exempt`} csrf={p.csrf} submit="登记免于解读">
          <TextArea name="exemptReason" label="免于解读理由" form={stateFor(p.s, 'exempt')} rows={2} required hint="如：内容简单、不涉及公众切身利益，经审核人确认无需解读" />
        </Form>
      </> : null}
      {can.unpublish ? <>
        <h3>撤销发布</h3>
        <Form action={`/console/items/${id}/unpublish`} csrf={p.csrf} submit="撤销发布">
          <TextArea name="reason" label="撤销理由" form={stateFor(p.s, 'unpublish')} rows={2} required />
        </Form>
      </> : null}
      {can.review ? <>
        <h3>公开属性复核</h3>
        <Form action={`/console/items/${id}/review/keep`} csrf={p.csrf} submit="维持原属性">
          <TextArea name="rkNote" label="复核意见" form={stateFor(p.s, 'reviewKeep')} rows={2} required />
          <TextField name="rkNextReviewOn" label="下次复核日期" type="date" form={stateFor(p.s, 'reviewKeep')} hint="默认一年后" />
        </Form>
        <Form action={`/console/items/${id}/review/convert`} csrf={p.csrf} submit="转为主动公开并发布">
          <TextArea name="cvReason" label="转为主动公开的理由" form={stateFor(p.s, 'convert')} rows={2} required />
        </Form>
      </> : null}
    </section>
  );
};

const AttachmentsSection = (p: { d: ItemDetail; csrf: string }) => (
  <section aria-labelledby="h-attachments">
    <h2 id="h-attachments">附件</h2>
    {p.d.attachments.length ? (
      <ul class="gk-list">{p.d.attachments.map((a) => (
        <li><a href={a.url}>{a.file_name}</a>（{Math.max(1, Math.round(a.size / 1024))} KB）
          {p.d.can.attach ? <Action action={`/console/items/${p.d.item.id}/attachments/${a.id}/delete`} csrf={p.csrf} label={`删除 ${a.file_name}`} secondary confirm="确定删除该附件吗？" /> : null}
        </li>
      ))}</ul>
    ) : <p>无附件。</p>}
    {p.d.can.attach ? (
      <form method="post" action={`/console/items/${p.d.item.id}/attachments`} enctype="multipart/form-data" class="gk-form">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <div class="gk-field">
          <label for="f-file">上传附件</label>
          <p class="gk-hint" id="h-file">PDF、Word（docx）、Excel（xlsx）、文本（txt）、JPG、PNG，单个不超过 20 MB</p>
          <input type="file" id="f-file" name="file" aria-describedby="h-file" accept=".pdf,.docx,.xlsx,.txt,.jpg,.jpeg,.png" />
        </div>
        <button type="submit" class="gk-button">上传</button>
      </form>
    ) : null}
  </section>
);

/** The replacement picker's state: the no-JS search (q, rows) and the choice a re-rendered form keeps. */
export type ReplacementPick = { q: string; rows: PickRow[] | null; chosen: PickRow | null };

const ValiditySection = (p: { d: ItemDetail; csrf: string; s: DetailState; pick: ReplacementPick }) => {
  const { item } = p.d;
  if (item.item_type !== 'normative') return null;
  const vf = stateFor(p.s, 'validity');
  const err = vf.errors.vByItemId;
  const picker: PickerProps = {
    name: 'vq', purpose: 'replacement', action: `/console/items/${item.id}#h-validity`, param: 'vq', q: p.pick.q, rows: p.pick.rows,
    chosen: p.pick.chosen, except: item.id, results: 'elsewhere', label: '查找作出修改或废止的新文件',
    choose: (c, row) => (
      <label class="gk-picker__radio"><input type="radio" name="vByItemId" value={c.id} data-pick-id checked={!!c.id && p.pick.chosen?.id === Number(c.id)} />
        选用<span class="visually-hidden">《{pickTitle(c, row)}》</span></label>
    ),
  };
  return (
    <section aria-labelledby="h-validity">
      <h2 id="h-validity">有效性</h2>
      <p>当前：{item.validity ? VALIDITY_LABELS[item.validity] : '—'}；有效期至：{item.valid_until ?? '不设'}</p>
      {p.d.replaces.length ? <p>本文件修改或废止了：{p.d.replaces.map((r) => <><a href={`/console/items/${r.id}`}>{r.title}</a>（{r.validity ? VALIDITY_LABELS[r.validity] : ''}）{' '}</>)}</p> : null}
      {p.d.can.validity ? <>
        <h3>登记有效性变更</h3>
        <ErrorSummary errors={vf.errors} labels={FORM_LABELS} />
        <p class="gk-hint">先查找并选用作出修改或废止的新文件（已发布的行政规范性文件），再填写变更和理由。</p>
        <PickerSearch {...picker} />
        <form method="post" action={`/console/items/${item.id}/validity`} class="gk-form" novalidate>
          <CsrfField token={p.csrf} />
          <SelectField name="vAction" label="有效性变更" form={vf} required options={[{ value: 'amend', label: '本文件已被修改' }, { value: 'repeal', label: '本文件已被废止' }]} />
          <fieldset class="gk-field" aria-describedby={err ? 'e-vByItemId' : undefined}>
            <legend>作出修改或废止的新文件</legend>
            {err ? <p class="gk-field-error" id="e-vByItemId">{err}</p> : null}
            <label class="gk-picker__radio"><input type="radio" id="f-vByItemId" name="vByItemId" value="" checked={!p.pick.chosen} /> 不关联新文件（以决定废止等）</label>
            <PickerResults {...picker} />
          </fieldset>
          <TextArea name="vReason" label="理由" form={vf} rows={2} required />
          <button type="submit" class="gk-button">登记有效性变更</button>
        </form>
        <Form action={`/console/items/${item.id}/valid-until`} csrf={p.csrf} submit="修改有效期">
          <TextField name="vuValidUntil" label="有效期至" type="date" form={stateFor(p.s, 'validUntil', { vuValidUntil: item.valid_until ?? '' })} hint="留空表示不设有效期" />
          <TextArea name="vuReason" label="理由" form={stateFor(p.s, 'validUntil')} rows={2} required />
        </Form>
      </> : null}
    </section>
  );
};

export const ItemDetailView = (p: { meta: PageMeta; d: ItemDetail; s: DetailState; pick: ReplacementPick }) => {
  const { item } = p.d;
  const csrf = p.meta.csrf!;
  return (
    <ConsoleLayout meta={p.meta}>
      {p.s.notice ? <div class="gk-notice" role="status">{p.s.notice}</div> : null}
      {p.s.alert ? <div class="gk-error-summary" role="alert" tabindex="-1"><h2>操作未完成</h2><p>{p.s.alert}</p></div> : null}
      <p><a href="/console/items">返回政府信息列表</a></p>
      <Meta d={p.d} />
      <WorkflowSection d={p.d} csrf={csrf} s={p.s} />
      <PrivacySection d={p.d} csrf={csrf} s={p.s} />
      <section aria-labelledby="h-body">
        <h2 id="h-body">正文</h2>
        <div class="gk-body">{raw(sanitizeBody(item.body_html))}</div>
      </section>
      <AttachmentsSection d={p.d} csrf={csrf} />
      <ValiditySection d={p.d} csrf={csrf} s={p.s} pick={p.pick} />
      {item.item_type === 'normative' || item.item_type === 'policy' ? (
        <section aria-labelledby="h-interp">
          <h2 id="h-interp">政策解读</h2>
          {p.d.interpretations.length ? (
            <ul class="gk-list">{p.d.interpretations.map((i) => (
              <li><a href={`/console/items/${i.id}`}>{i.title}</a>（{statusLabel(i)}{i.due_date ? `，应于 ${i.due_date} 前发布` : ''}）<TimelinessTag t={i.timeliness} /></li>
            ))}</ul>
          ) : <p>尚无政策解读。</p>}
          {p.d.can.interpret ? <p><a href={`/console/items/new?itemType=interpretation&policyItemId=${item.id}`}>新建本文件的政策解读</a></p> : null}
        </section>
      ) : null}
      <section aria-labelledby="h-history">
        <h2 id="h-history">办理记录</h2>
        <table class="gk-table">
          <caption class="visually-hidden">办理记录</caption>
          <thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">说明</th></tr></thead>
          <tbody>{p.d.history.map((h) => (
            <tr><td>{cst(h.at)}</td><td>{h.actor_label}</td><td>{HISTORY_LABELS[h.action] ?? h.action}</td><td>{h.note ?? ''}</td></tr>
          ))}</tbody>
        </table>
      </section>
    </ConsoleLayout>
  );
};
