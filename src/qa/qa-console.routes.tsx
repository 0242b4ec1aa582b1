// Console pages of 政策问答: entries (draft → review → published), turning a 问答式解读 into entries,
// the insights (most asked, unanswered, 没用), the lexicon, and the 留言咨询 queue.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { requireStaff } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { intId, parseInput } from '../lib/validate.js';
import { z } from 'zod';
import { listUnitsInArea, userDisplayName } from '../org/public.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, Form, SelectField, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import * as consult from './consult.service.js';
import * as entries from './entries.service.js';
import { insights, VERDICT_LABELS } from './feedback.service.js';
import * as lexicon from './lexicon.service.js';
import * as media from './media.service.js';
import { qaMediaRoutes, type MediaFormState } from './qa-media.routes.js';
import { canAssignMessages, canChooseOwnerUnit, canEditLexicon, canWriteEntry, requireLexiconEditor } from './qa-policy.js';

const MEDIA_LABELS: Record<string, string> = { kind: '类型', description: '文字说明', file: '文件', _: '上传' };

const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const fieldsOf = (err: unknown) => (err instanceof AppError && (err.kind === 'invalid' || err.kind === 'unprocessable') ? { ...err.fields, ...(Object.keys(err.fields).length ? {} : { _: err.message }) } : null);
const areaOfReq = async (req: FastifyRequest) => (req.ctx.actor.kind === 'user' ? req.ctx.actor.areaId : consult.portalAreaId(req.ctx.db));

const ENTRY_LABELS: Record<string, string> = { fromMessageId: '留言', ownerUnitId: '责任单位', question: '问题', answer: '答复', sources: '依据', altQuestions: '其他问法', topics: '主题', audience: '服务对象', form: '形式', nextReviewOn: '下次复核日期', status: '状态', _: '条目' };

/** Form fields → service input: 依据 lines "信息编号:条款号". */
function entryFromForm(b: Record<string, string>, status: string) {
  const sources = (b.sources ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => {
    const m = /^(\d+)\s*[:：#\s]\s*(?:第)?(\d+)(?:条)?$/.exec(l);
    return m ? { itemId: Number(m[1]), article: Number(m[2]) } : { itemId: 0, article: 0 };
  });
  return { question: b.question, answer: b.answer, sources, altQuestions: b.altQuestions ?? '', topics: b.topics ?? '', audience: b.audience || '个人', form: b.form || 'text', nextReviewOn: b.nextReviewOn ?? '', status, ...(b.ownerUnitId ? { ownerUnitId: b.ownerUnitId } : {}) };
}
/** Source errors come back as sources.N: show them on the one 依据 field. */
const flattenErrors = (f: Record<string, string>) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    const key = k.startsWith('sources') ? 'sources' : k;
    out[key] = out[key] ? `${out[key]}；${v}` : v;
  }
  return out;
};

/** The units an admin may make responsible for an entry (unit roles keep their own unit: no choice shown). */
async function ownerUnits(req: FastifyRequest): Promise<{ id: number; name: string }[] | null> {
  if (!canChooseOwnerUnit(req.ctx.actor)) return null;
  return (await listUnitsInArea(req.ctx.db, await areaOfReq(req))).map((u) => ({ id: u.id, name: u.name }));
}

const EntryFields = (p: { form: FormState; units?: { id: number; name: string }[] | null }) => (
  <>
    <TextField name="question" label="问题" form={p.form} required maxlength={200} />
    <TextArea name="altQuestions" label="其他问法（每行一个）" form={p.form} rows={3} />
    <TextArea name="answer" label="答复（简短、通俗）" form={p.form} required rows={5} />
    <TextArea name="sources" label="依据（每行一条：信息编号:条款号，如 12:7）" form={p.form} required rows={3} hint="只能引用已公开、现行有效的政策文件、规范性文件或解读中存在的条款" />
    <TextField name="topics" label="主题（用顿号分隔）" form={p.form} hint={`如：${entries.LIFE_TOPICS.join('、')}`} />
    <SelectField name="audience" label="服务对象" form={p.form} options={entries.AUDIENCES.map((a) => ({ value: a, label: a }))} />
    <SelectField name="form" label="形式" form={p.form} options={entries.FORMS.map((f) => ({ value: f, label: entries.FORM_LABELS[f]! }))} />
    <TextField name="nextReviewOn" label="下次复核日期" type="date" form={p.form} hint="不晚于12个月后；发布时不填则为12个月后" />
    {p.units ? <SelectField name="ownerUnitId" label="责任单位" form={p.form} options={p.units.map((u) => ({ value: u.id, label: u.name }))} /> : null}
  </>
);

async function entriesPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, interpForm?: FormState, notice?: string) {
  const rows = await entries.listEntries(req.ctx, { status: (req.query as Record<string, string>).status });
  const meta = pageMeta(req, reply, '政策问答');
  const units = await ownerUnits(req);
  const inf = interpForm ?? emptyForm({ article: '1' });
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p><a href="/console/qa/insights">提问与评价分析</a> · <a href="/console/qa/messages">留言咨询</a> · <a href="/console/qa/lexicon">词典与同义词</a> · <a href="/ask">门户政策问答</a></p>
      <table class="gk-table">
        <caption>问答条目</caption>
        <thead><tr><th scope="col">编号</th><th scope="col">问题</th><th scope="col">状态</th><th scope="col">下次复核</th><th scope="col">说明</th></tr></thead>
        <tbody>{rows.map((e) => (
          <tr><td>{e.id}</td><td><a href={`/console/qa/entries/${e.id}`}>{e.question}</a></td><td>{entries.ENTRY_STATUS_LABELS[e.status]}</td><td>{e.next_review_on ?? '—'}</td><td>{e.suspended_reason ?? ''}</td></tr>
        ))}</tbody>
      </table>
      <h2>新建条目</h2>
      <ErrorSummary errors={form.errors} labels={ENTRY_LABELS} />
      <Form action="/console/qa/entries" csrf={meta.csrf!} submit="保存为草稿">
        {form.values.fromMessageId ? <><input type="hidden" name="fromMessageId" value={String(form.values.fromMessageId)} /><p class="gk-muted">根据留言 {String(form.values.fromMessageId)} 的答复编写（已去除个人信息，请改写成通用的问答）。</p></> : null}
        <EntryFields form={form} units={units} />
      </Form>
      <h2>从问答式解读生成条目</h2>
      <ErrorSummary errors={inf.errors} labels={{ itemId: '解读信息编号', article: '条款号', _: '生成条目' }} />
      <Form action="/console/qa/from-interpretation" csrf={meta.csrf!} submit="生成草稿条目">
        <TextField name="itemId" label="解读信息编号（形式为“问答”）" form={inf} required />
        <TextField name="article" label="引用被解读文件的条款号" form={inf} />
      </Form>
    </ConsoleLayout>
  ), status);
}

async function entryPage(req: FastifyRequest, reply: FastifyReply, id: number, form?: FormState, status = 200, notice?: string, mediaForm?: MediaFormState) {
  const e = await entries.readableEntry(req.ctx, id);
  const files = await media.listMedia(req.ctx.db, id);
  const canEditMedia = e.status !== 'published' && canWriteEntry(req.ctx.actor, e.owner_unit_id);
  const mf: FormState = mediaForm ?? emptyForm({ kind: e.form === 'video' ? 'video' : 'image' });
  const f = form ?? emptyForm({ question: e.question, altQuestions: e.alt_questions, answer: e.answer, sources: e.sources.map((s) => `${s.itemId}:${s.article}`).join('\n'), topics: e.topics, audience: e.audience, form: e.form, nextReviewOn: e.next_review_on ?? '', ownerUnitId: e.owner_unit_id ?? '' });
  const meta = pageMeta(req, reply, `问答条目：${e.question}`);
  const move = (to: string, label: string) => (
    <form method="post" action={`/console/qa/entries/${id}/status`} class="gk-inline">
      <input type="hidden" name="_csrf" value={meta.csrf!} /><input type="hidden" name="status" value={to} />
      <button type="submit" class="gk-button gk-button--secondary">{label}</button>
    </form>
  );
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p><a href="/console/qa">返回问答条目</a>{e.status === 'published' ? <> · <a href={`/qa/${id}`}>在门户查看</a></> : null}</p>
      {e.from_message_id ? <p>根据 <a href={`/console/qa/messages/${e.from_message_id}`}>留言 {e.from_message_id}</a> 的答复编写</p> : null}
      {e.from_item_id ? <p>由 <a href={`/items/${e.from_item_id}`}>问答式解读（信息 {e.from_item_id}）</a> 生成</p> : null}
      <p>状态：<strong>{entries.ENTRY_STATUS_LABELS[e.status]}</strong>{e.suspended_reason ? `（${e.suspended_reason}）` : ''} · 审核人：{(await userDisplayName(req.ctx.db, e.reviewer_id)) ?? '—'} · 审核日期：{e.reviewed_on ?? '—'} · 下次复核：{e.next_review_on ?? '—'}</p>
      <p>{e.status === 'draft' ? move('review', '送审') : null}{e.status !== 'published' ? move('published', '审核通过并发布') : null}{e.status !== 'draft' ? move('draft', '退回草稿') : null}</p>
      <h2>修改</h2>
      <ErrorSummary errors={f.errors} labels={ENTRY_LABELS} />
      <Form action={`/console/qa/entries/${id}`} csrf={meta.csrf!} submit="保存（回到草稿）"><EntryFields form={f} units={await ownerUnits(req)} /></Form>
      <h2 id="h-media">图解与视频</h2>
      <p class="gk-muted">形式为“图解”或“视频”的问答发布前须至少上传一个相应文件。每个图片要写文字说明，每个视频要写文字稿或内容摘要：看不见图片、看不了视频的人靠它了解内容。只在问答发布后公开。</p>
      {files.length ? (
        <table class="gk-table"><caption class="visually-hidden">已上传的图解与视频</caption>
          <thead><tr><th scope="col">类型</th><th scope="col">文件</th><th scope="col">文字说明 / 文字稿</th>{canEditMedia ? <th scope="col">操作</th> : null}</tr></thead>
          <tbody>{files.map((m) => (
            <tr><td>{media.MEDIA_KIND_LABELS[m.kind]}</td><td><a href={`/console/qa/entries/${id}/media/${m.id}`}>{m.file_name}</a>（{Math.max(1, Math.round(m.size / 1024))} KB）</td>
              <td>{m.description.split('\n').map((l) => <p>{l}</p>)}</td>
              {canEditMedia ? <td><a href={`/console/qa/entries/${id}/media/${m.id}/delete`}>删除<span class="visually-hidden">{m.file_name}</span></a></td> : null}</tr>
          ))}</tbody></table>
      ) : <p>尚未上传图解或视频。</p>}
      {canEditMedia ? (
        <>
          <h3>上传图解或视频</h3>
          <ErrorSummary errors={mf.errors} labels={MEDIA_LABELS} />
          <Form action={`/console/qa/entries/${id}/media`} csrf={meta.csrf!} submit="上传" enctype="multipart/form-data">
            <SelectField name="kind" label="类型" form={mf} required options={[{ value: 'image', label: '图解（PNG、JPG、SVG 图片，不超过 5 MB）' }, { value: 'video', label: '视频（MP4、WebM，不超过 50 MB）' }]} />
            <TextArea name="description" label="文字说明（图片）或文字稿、内容摘要（视频）" form={mf} required rows={5} hint="至少10个字；图片写清图中的全部信息，视频写出讲解的内容" />
            <TextField name="file" label="文件" type="file" form={mf} required />
          </Form>
        </>
      ) : e.status === 'published' ? <p>已发布的问答请先退回草稿，再修改图解或视频。</p> : null}
    </ConsoleLayout>
  ), status);
}

async function messagePage(req: FastifyRequest, reply: FastifyReply, id: number, form?: FormState, status = 200, assignForm?: FormState) {
  const m = await consult.readMessage(req.ctx, id);
  const units = await listUnitsInArea(req.ctx.db, m.area_id);
  const meta = pageMeta(req, reply, `留言 ${id}`);
  const f = form ?? emptyForm();
  const canAssign = canAssignMessages(req.ctx.actor);
  const entryDraft = m.reply ? `/console/qa/entries/new?fromMessageId=${id}&question=${encodeURIComponent((m.public_question ?? consult.redact(m.question, m)).slice(0, 200))}&answer=${encodeURIComponent(consult.redact(m.reply, m).slice(0, 2000))}` : null;
  const madeEntries = m.reply ? await entries.entriesFromMessage(req.ctx.db, id) : [];
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p><a href="/console/qa/messages">返回留言队列</a></p>
      <table class="gk-table"><caption class="visually-hidden">留言信息</caption><tbody>
        <tr><th scope="row">状态</th><td>{consult.MESSAGE_STATUS_LABELS[m.status]}{m.escalated_at ? '（已提级督办）' : ''}</td></tr>
        <tr><th scope="row">收到日期</th><td>{m.received_on}</td></tr>
        <tr><th scope="row">答复期限</th><td>{m.due_on}</td></tr>
        <tr><th scope="row">留言人</th><td>{m.contact_name}（{m.contact}）</td></tr>
        <tr><th scope="row">办理单位</th><td>{units.find((u) => u.id === m.assigned_unit_id)?.name ?? '未分办'}</td></tr>
        <tr><th scope="row">同意公开</th><td>{m.consent ? '是' : '否'}</td></tr>
      </tbody></table>
      <h2>留言内容</h2>{m.question.split('\n').map((l) => <p>{l}</p>)}
      {m.reply ? <><h2>答复</h2>{m.reply.split('\n').map((l) => <p>{l}</p>)}<p>{m.published ? '已公开（已去除个人信息）' : '未公开'}</p>{madeEntries.length ? <p>已转为问答条目：{madeEntries.map((x, i) => <>{i ? '、' : ''}<a href={`/console/qa/entries/${x.id}`}>{x.question}</a>（{entries.ENTRY_STATUS_LABELS[x.status]}）</>)}</p> : null}{entryDraft ? <p><a href={entryDraft}>转为政策问答条目</a></p> : null}</> : (
        <>
          {canAssign ? (
            <><h2>分办</h2>
              <ErrorSummary errors={assignForm?.errors ?? {}} labels={{ unitId: '办理单位' }} />
              <Form action={`/console/qa/messages/${id}/assign`} csrf={meta.csrf!} submit="分办">
                <SelectField name="unitId" label="办理单位" form={assignForm ?? emptyForm({ unitId: m.assigned_unit_id ?? '' })} options={units.map((u) => ({ value: u.id, label: u.name }))} />
              </Form></>
          ) : null}
          <h2>答复</h2>
          <ErrorSummary errors={f.errors} labels={{ reply: '答复内容', publish: '公开答复' }} />
          <Form action={`/console/qa/messages/${id}/reply`} csrf={meta.csrf!} submit="提交答复">
            <TextArea name="reply" label="答复内容" form={f} required rows={6} />
            {m.consent ? <Checkbox name="publish" label="公开留言与答复（自动去除个人信息）" checked={!!f.values.publish} /> : <p class="gk-muted">留言人未同意公开，答复只发给留言人。</p>}
          </Form>
        </>
      )}
    </ConsoleLayout>
  ), status);
}

export async function consultConsoleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await qaMediaRoutes(app, deps, (req, reply, id, o) => entryPage(req, reply, id, undefined, o.status, o.notice, o.mediaForm));
  app.get('/console/qa', async (req, reply) => entriesPage(req, reply, emptyForm()));
  app.get('/console/qa/entries/new', async (req, reply) => {
    const q = req.query as Record<string, string>;
    return entriesPage(req, reply, emptyForm({ question: q.question ?? '', answer: q.answer ?? '', ...(/^[1-9]\d{0,9}$/.test(q.fromMessageId ?? '') ? { fromMessageId: q.fromMessageId } : {}) }));
  });
  app.post('/console/qa/entries', async (req, reply) => {
    const b = formBody(req);
    try {
      const from = b.fromMessageId ? parseInput(z.object({ fromMessageId: intId('留言') }), b).fromMessageId : undefined;
      const id = await entries.createEntry(req.ctx, entryFromForm(b, 'draft'), from ? { fromMessageId: from } : {});
      return reply.redirect(`/console/qa/entries/${id}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return entriesPage(req, reply, { values: b, errors: flattenErrors(f) }, 400);
      throw e;
    }
  });
  app.get('/console/qa/entries/:id', async (req, reply) => entryPage(req, reply, idOf(req)));
  app.post('/console/qa/entries/:id', async (req, reply) => {
    const b = formBody(req);
    try {
      await entries.updateEntry(req.ctx, idOf(req), entryFromForm(b, 'draft'));
      return reply.redirect(`/console/qa/entries/${idOf(req)}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return entryPage(req, reply, idOf(req), { values: b, errors: flattenErrors(f) }, 400);
      throw e;
    }
  });
  app.post('/console/qa/entries/:id/status', async (req, reply) => {
    const to = formBody(req).status;
    try {
      if (to !== 'review' && to !== 'published' && to !== 'draft') throw new AppError('invalid', 'validation_failed', '状态无效', { status: '状态无效' });
      await entries.moveEntry(req.ctx, idOf(req), to);
      return reply.redirect(`/console/qa/entries/${idOf(req)}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return entryPage(req, reply, idOf(req), undefined, 400, Object.values(f).join('；'));
      if (e instanceof AppError && e.kind === 'conflict') return entryPage(req, reply, idOf(req), undefined, 409, e.message);
      throw e;
    }
  });
  app.post('/console/qa/from-interpretation', async (req, reply) => {
    const b = formBody(req);
    const again = (errors: Record<string, string>, status = 400) => entriesPage(req, reply, emptyForm(), status, { values: b, errors });
    try {
      const input = parseInput(z.object({ itemId: intId('解读信息编号'), article: z.preprocess((v) => (v === '' || v === undefined ? 1 : v), intId('条款号')) }), b);
      const ids = await entries.entriesFromInterpretation(req.ctx, input.itemId, input.article);
      if (!ids.length) return again({ itemId: '这篇解读里没有找到“问：……答：……”形式的问答' });
      return reply.redirect('/console/qa?status=draft', 303);
    } catch (e) {
      if (e instanceof AppError && e.kind === 'not_found') return again({ itemId: `信息 ${b.itemId} 不是本区已公开的问答式解读` });
      const f = fieldsOf(e);
      if (f) return again(e instanceof AppError && e.code === 'qa_source_invalid' ? { article: Object.values(f).join('；') } : f);
      throw e;
    }
  });

  const PHRASING_LABELS = { question: '问法', entryId: '问答条目', _: '问法' };
  const insightsPage = async (req: FastifyRequest, reply: FastifyReply, form?: FormState, status = 200) => {
    requireStaff(req.ctx.actor);
    const query = req.query as Record<string, string>;
    const since = query.since;
    const from = /^\d{4}-\d{2}-\d{2}$/.test(since ?? '') ? since! : consult.addDays(todayCst(), -90);
    const data = await insights(req.ctx, await areaOfReq(req), from);
    const meta = pageMeta(req, reply, '提问与评价分析');
    const ask = (q: string) => <a href={`/ask?q=${encodeURIComponent(q)}`}>{q}</a>;
    // The entries this person may add phrasings to (published ones need publishing rights).
    const writable = (await entries.listEntries(req.ctx, {})).filter((e) => canWriteEntry(req.ctx.actor, e.owner_unit_id, e.status === 'published'));
    const asPhrasing = (q: string) => <a href={`/console/qa/insights?phrase=${encodeURIComponent(q)}#phrasing`}>加为已有条目的问法<span class="visually-hidden">：{q}</span></a>;
    const f = form ?? emptyForm({ question: query.phrase ?? '', entryId: '' });
    const added = /^\d+$/.test(query.added ?? '') ? Number(query.added) : null;
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {added !== null ? <div class="gk-notice" role="status">已加为条目 {added} 的问法；下一次这样提问即答出该条目。<a href={`/console/qa/entries/${added}`}>查看条目 {added}</a></div> : null}
        <p>自 {from} 起。下面的问题是接下来要编写的问答条目，或已有条目还缺的问法。<a href="/console/qa">返回问答条目</a></p>
        <h2>提问最多</h2>
        <table class="gk-table"><caption class="visually-hidden">提问最多的问题</caption><thead><tr><th scope="col">问题</th><th scope="col">次数</th><th scope="col">未答出</th></tr></thead>
          <tbody>{data.asked.map((r) => <tr><td>{ask(r.question)}</td><td>{r.n}</td><td>{r.abstained}</td></tr>)}</tbody></table>
        <h2>没有答出的问题</h2>
        <table class="gk-table"><caption class="visually-hidden">没有答出的问题</caption><thead><tr><th scope="col">问题</th><th scope="col">次数</th><th scope="col">操作</th></tr></thead>
          <tbody>{data.unanswered.map((r) => <tr><td>{ask(r.question)}</td><td>{r.n}</td><td><a href={`/console/qa/entries/new?question=${encodeURIComponent(r.question)}`}>编写条目<span class="visually-hidden">：{r.question}</span></a> · {asPhrasing(r.question)}</td></tr>)}</tbody></table>
        <h2>评价为“没用”或“报错”的答复</h2>
        <table class="gk-table"><caption class="visually-hidden">评价为没用或报错的答复</caption><thead><tr><th scope="col">问题</th><th scope="col">评价</th><th scope="col">答复</th><th scope="col">次数</th><th scope="col">操作</th></tr></thead>
          <tbody>{data.bad.map((r) => <tr><td>{ask(r.question)}</td><td>{VERDICT_LABELS[r.verdict]}</td><td>{r.entry_id ? <a href={`/console/qa/entries/${r.entry_id}`}>条目 {r.entry_id}</a> : r.item_id ? <a href={`/items/${r.item_id}#art-${r.article}`}>信息 {r.item_id} 第{r.article}条</a> : '—'}</td><td>{r.n}</td><td>{asPhrasing(r.question)}</td></tr>)}</tbody></table>
        <h2 id="phrasing">把问题加为已有条目的问法</h2>
        {writable.length ? (
          <>
            <p>条目的答复和依据不变；以后这样提问，先答出该条目。</p>
            <ErrorSummary errors={f.errors} labels={PHRASING_LABELS} />
            <Form action="/console/qa/insights/phrasing" csrf={meta.csrf!} submit="加为问法">
              <TextField name="question" label="问法" form={f} required maxlength={200} />
              <SelectField name="entryId" label="问答条目" form={f} required options={writable.map((e) => ({ value: e.id, label: `${e.id} ${e.question}（${entries.ENTRY_STATUS_LABELS[e.status] ?? e.status}）` }))} />
            </Form>
          </>
        ) : <p>没有您可以修改的问答条目。</p>}
      </ConsoleLayout>
    ), status);
  };
  app.get('/console/qa/insights', async (req, reply) => insightsPage(req, reply));
  app.post('/console/qa/insights/phrasing', async (req, reply) => {
    const b = formBody(req);
    try {
      await entries.addPhrasing(req.ctx, b);
      return reply.redirect(`/console/qa/insights?added=${encodeURIComponent(b.entryId ?? '')}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return insightsPage(req, reply, { values: b, errors: f }, 400);
      if (e instanceof AppError && e.kind === 'not_found') return insightsPage(req, reply, { values: b, errors: { entryId: '没有这个问答条目' } }, 400);
      throw e;
    }
  });

  const LEX_LABELS = { term: '词', expansions: '同义/规范用语', _: '词条' };
  const LexFields = (p: { form: FormState }) => (
    <>
      <TextField name="term" label="词（如：社保）" form={p.form} required maxlength={lexicon.MAX_TERM} />
      <TextField name="expansions" label="同义/规范用语（用 | 分隔；不填则只加入词典）" form={p.form} maxlength={400} hint={`最多${lexicon.MAX_EXPANSIONS}个，每个不超过${lexicon.MAX_TERM}字`} />
    </>
  );
  const lexiconPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, notice?: string) => {
    const rows = await lexicon.listLexicon(req.ctx);
    const meta = pageMeta(req, reply, '问答词典与同义词');
    const editable = canEditLexicon(req.ctx.actor);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
        <p>项目自带的政务词典（data/qa/dict.txt）和同义词表（data/qa/synonyms.txt）之外，本区追加的词条。修改后下一次提问即按新词条检索。</p>
        <table class="gk-table"><caption class="visually-hidden">本区追加的词条</caption><thead><tr><th scope="col">类型</th><th scope="col">词</th><th scope="col">同义/规范用语</th>{editable ? <th scope="col">操作</th> : null}</tr></thead>
          <tbody>{rows.map((r) => <tr><td>{r.kind === 'word' ? '词典词' : '同义词'}</td><td>{r.term}</td><td>{r.expansions.split('|').join('、')}</td>
            {editable ? <td><a href={`/console/qa/lexicon/${r.id}`}>修改<span class="visually-hidden">“{r.term}”</span></a> · <a href={`/console/qa/lexicon/${r.id}/delete`}>删除<span class="visually-hidden">“{r.term}”</span></a></td> : null}</tr>)}</tbody></table>
        {editable ? (
          <><h2>追加词条</h2>
            <ErrorSummary errors={form.errors} labels={LEX_LABELS} />
            <Form action="/console/qa/lexicon" csrf={meta.csrf!} submit="追加"><LexFields form={form} /></Form></>
        ) : null}
      </ConsoleLayout>
    ), status);
  };
  const lexiconEditPage = async (req: FastifyRequest, reply: FastifyReply, id: number, form?: FormState, status = 200) => {
    requireLexiconEditor(req.ctx.actor);
    const row = await lexicon.findLexicon(req.ctx, id);
    const f = form ?? emptyForm({ term: row.term, expansions: row.expansions });
    const meta = pageMeta(req, reply, `修改词条：${row.term}`);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p><a href="/console/qa/lexicon">返回词典与同义词</a></p>
        <ErrorSummary errors={f.errors} labels={LEX_LABELS} />
        <Form action={`/console/qa/lexicon/${id}`} csrf={meta.csrf!} submit="保存"><LexFields form={f} /></Form>
        <p><a href={`/console/qa/lexicon/${id}/delete`}>删除这个词条</a></p>
      </ConsoleLayout>
    ), status);
  };
  const lexiconDeletePage = async (req: FastifyRequest, reply: FastifyReply, id: number, status = 200) => {
    requireLexiconEditor(req.ctx.actor);
    const row = await lexicon.findLexicon(req.ctx, id);
    const meta = pageMeta(req, reply, `删除词条：${row.term}`);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>确定删除{row.kind === 'word' ? '词典词' : '同义词'}“<strong>{row.term}</strong>”{row.expansions ? `（${row.expansions.split('|').join('、')}）` : ''}吗？删除后提问不再按它扩展检索。此操作记入审计日志。</p>
        <form method="post" action={`/console/qa/lexicon/${id}/delete`} class="gk-inline">
          <input type="hidden" name="_csrf" value={meta.csrf!} /><input type="hidden" name="confirm" value="1" />
          <button type="submit" class="gk-button">确定删除</button>
        </form>
        {' '}<a href="/console/qa/lexicon">取消</a>
      </ConsoleLayout>
    ), status);
  };
  app.get('/console/qa/lexicon', async (req, reply) => lexiconPage(req, reply, emptyForm()));
  app.post('/console/qa/lexicon', async (req, reply) => {
    const b = formBody(req);
    try {
      await lexicon.addLexicon(req.ctx, b);
      return reply.redirect('/console/qa/lexicon', 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return lexiconPage(req, reply, { values: b, errors: f }, 400);
      throw e;
    }
  });
  app.get('/console/qa/lexicon/:id', async (req, reply) => lexiconEditPage(req, reply, idOf(req)));
  app.post('/console/qa/lexicon/:id', async (req, reply) => {
    const b = formBody(req);
    try {
      await lexicon.updateLexicon(req.ctx, idOf(req), b);
      return reply.redirect('/console/qa/lexicon', 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return lexiconEditPage(req, reply, idOf(req), { values: b, errors: f }, 400);
      throw e;
    }
  });
  app.get('/console/qa/lexicon/:id/delete', async (req, reply) => lexiconDeletePage(req, reply, idOf(req)));
  app.post('/console/qa/lexicon/:id/delete', async (req, reply) => {
    // Without the confirmation page's field nothing is deleted: the page asks first.
    if (formBody(req).confirm !== '1') return lexiconDeletePage(req, reply, idOf(req), 400);
    await lexicon.deleteLexicon(req.ctx, idOf(req));
    return reply.redirect('/console/qa/lexicon', 303);
  });

  const messagesPage = async (req: FastifyRequest, reply: FastifyReply, daysForm?: FormState, status = 200) => {
    const st = (req.query as Record<string, string>).status ?? 'open';
    const rows = await consult.listMessages(req.ctx, { status: st });
    const today = todayCst();
    const meta = pageMeta(req, reply, '留言咨询');
    const canAssign = canAssignMessages(req.ctx.actor);
    const df = daysForm ?? emptyForm({ days: await consult.replyDays(req.ctx.db) });
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p><a href="/console/qa/messages?status=open">未答复</a> · <a href="/console/qa/messages?status=answered">已答复</a> · <a href="/console/qa">政策问答</a></p>
        <table class="gk-table"><caption>留言队列</caption><thead><tr><th scope="col">编号</th><th scope="col">留言</th><th scope="col">收到</th><th scope="col">期限</th><th scope="col">状态</th></tr></thead>
          <tbody>{rows.map((m) => (
            <tr><td>{m.id}</td><td><a href={`/console/qa/messages/${m.id}`}>{m.question.slice(0, 40)}</a></td><td>{m.received_on}</td>
              <td>{m.due_on}{(m.status === 'new' || m.status === 'assigned') && m.due_on < today ? <strong>（已逾期）</strong> : null}</td><td>{consult.MESSAGE_STATUS_LABELS[m.status]}{m.escalated_at ? '（督办）' : ''}</td></tr>
          ))}</tbody></table>
        {canAssign ? (
          <><h2>答复期限</h2>
            <ErrorSummary errors={df.errors} labels={{ days: '答复期限' }} />
            <Form action="/console/qa/messages/settings" csrf={meta.csrf!} submit="保存">
              <TextField name="days" label="答复期限（工作日）" type="number" form={df} required hint="1至60个工作日，默认5个工作日" />
            </Form></>
        ) : null}
      </ConsoleLayout>
    ), status);
  };
  app.get('/console/qa/messages', async (req, reply) => messagesPage(req, reply));
  app.post('/console/qa/messages/settings', async (req, reply) => {
    const b = formBody(req);
    try {
      await consult.setReplyDays(req.ctx, b);
      return reply.redirect('/console/qa/messages', 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return messagesPage(req, reply, { values: b, errors: f }, 400);
      throw e;
    }
  });
  app.get('/console/qa/messages/:id', async (req, reply) => messagePage(req, reply, idOf(req)));
  app.post('/console/qa/messages/:id/assign', async (req, reply) => {
    const b = formBody(req);
    try {
      await consult.assignMessage(req.ctx, idOf(req), b);
      return reply.redirect(`/console/qa/messages/${idOf(req)}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return messagePage(req, reply, idOf(req), undefined, 400, { values: b, errors: f });
      throw e;
    }
  });
  app.post('/console/qa/messages/:id/reply', async (req, reply) => {
    const b = formBody(req);
    try {
      await consult.replyMessage(req.ctx, idOf(req), b);
      return reply.redirect(`/console/qa/messages/${idOf(req)}`, 303);
    } catch (e) {
      const f = fieldsOf(e);
      if (f) return messagePage(req, reply, idOf(req), { values: b, errors: f }, 400);
      throw e;
    }
  });
}
