// 列席 and 开放日: public pages with sign-up forms (no JavaScript needed), the public record, and the staff API.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SafeHtml } from '#jsx/jsx-runtime';
import type { AppDeps } from '../app/module.js';
import { AppError } from '../lib/errors.js';
import { todayCst } from '../lib/time.js';
import { PortalLayout, type PageMeta } from '../web/components/layout.js';
import { Checkbox, CsrfField, emptyForm, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { Crumbs } from './consultation.pages.js';
import * as p from './participation.service.js';
import { markPhoned, noticesFor } from './notices.service.js';
import { DISPOSITION_LABELS } from './pure/rules.js';

const idOf = (req: FastifyRequest) => intParam((req.params as Record<string, string>).id);
const categoryOptions = Object.entries(p.SIGNUP_CATEGORIES).map(([value, label]) => ({ value, label }));

function MeetingPage(props: { meta: PageMeta; v: Awaited<ReturnType<typeof p.publicMeeting>>; form: FormState; csrf: string; sent: boolean; today: string }): SafeHtml {
  const { m, attendees, drawList, verify } = props.v;
  const open = !m.method && props.today >= m.signup_opens_on && props.today <= m.signup_closes_on;
  return (
    <PortalLayout meta={props.meta}>
      <Crumbs items={[{ href: '/decisions', label: '重大行政决策' }, { label: '列席会议' }]} />
      <h1>{m.title}</h1>
      <dl class="gk-meta">
        <dt>会议日期</dt><dd>{m.meeting_on}</dd>
        {m.place ? <><dt>会议地点</dt><dd>{m.place}</dd></> : null}
        <dt>报名时间</dt><dd>{m.signup_opens_on} 至 {m.signup_closes_on}</dd>
        <dt>列席名额</dt><dd>{m.seats}人</dd>
        <dt>报名人数</dt><dd>{props.v.signups}人</dd>
        {m.decision_id ? <><dt>所属决策事项</dt><dd><a href={`/decisions/${m.decision_id}`}>查看决策事项</a></dd></> : null}
      </dl>
      <h2>遴选办法</h2>
      <p class="gk-pre">{m.rules}</p>
      {open ? (
        <section aria-labelledby="h-signup">
          <h2 id="h-signup">报名列席</h2>
          {props.sent ? <div class="gk-notice" role="status">报名已收到。遴选结果将在本页公布。</div> : null}
          <p>联系方式仅用于通知，不会公开：填写电子邮箱的，入选后发邮件通知；只留电话的，由工作人员电话通知。姓名只在您同意时以“姓+*”的形式公布。</p>
          <ErrorSummary errors={props.form.errors} labels={p.SIGNUP_LABELS} />
          <form method="post" action={`/meetings/${m.id}/signup`} class="gk-form" novalidate>
            <CsrfField token={props.csrf} />
            <TextField name="name" label="姓名" form={props.form} required maxlength={50} autocomplete="name" />
            <TextField name="contact" label="联系方式（不公开）" form={props.form} required maxlength={100} autocomplete="tel" />
            <SelectField name="category" label="报名类别" form={props.form} required options={categoryOptions} />
            <TextArea name="reason" label="报名理由" form={props.form} required rows={4} />
            <Checkbox name="consent" label="如被选中，同意公布我的姓氏和类别" checked={props.form.values.consent === 'on'} />
            <button type="submit" class="gk-button">提交报名</button>
          </form>
        </section>
      ) : !m.method ? <div class="gk-notice" role="status">{props.today < m.signup_opens_on ? `报名将于${m.signup_opens_on}开始。` : '报名已截止，遴选结果将在本页公布。'}</div> : null}
      {m.method === 'draw' && verify ? (
        <section aria-labelledby="h-draw">
          <h2 id="h-draw">随机抽取结果</h2>
          <p>随机种子：<code>{m.seed}</code>。参与抽取的报名编号（升序）：{drawList.join('、') || '无'}。</p>
          <p>方法：以种子文本的 xmur3 散列为初值，用 mulberry32 生成 [0,1) 随机数，对升序编号表做 Fisher–Yates 洗牌（i 从 n−1 到 1，j = ⌊随机数 × (i+1)⌋，交换第 i、j 项），取前 {m.seats} 个编号。任何人可用公布的编号表和种子重新计算。</p>
          <p>抽取顺序：{verify.order.join('、')}。</p>
        </section>
      ) : null}
      {m.method === 'manual' ? <section aria-labelledby="h-manual"><h2 id="h-manual">遴选结果</h2><p>遴选方式：人工选择。理由：{m.manual_reason}</p></section> : null}
      {m.method ? (
        <>
          <h2>列席人员及其意见</h2>
          {attendees.length ? (
            <table class="gk-table">
              <caption class="visually-hidden">列席人员</caption>
              <thead><tr><th scope="col">报名编号</th><th scope="col">类别</th><th scope="col">姓名</th><th scope="col">意见</th><th scope="col">采纳情况</th></tr></thead>
              <tbody>{attendees.map((a) => (
                <tr><td>{a.id}</td><td>{p.SIGNUP_CATEGORIES[a.category as keyof typeof p.SIGNUP_CATEGORIES] ?? a.category}</td><td>{a.name ?? '（未同意公开）'}</td>
                  <td>{a.opinion ?? '—'}</td><td>{a.disposition ? `${DISPOSITION_LABELS[a.disposition]}${a.reason ? `：${a.reason}` : ''}` : '—'}</td></tr>
              ))}</tbody>
            </table>
          ) : <p>没有列席人员。</p>}
        </>
      ) : null}
    </PortalLayout>
  );
}

function OpenDayPage(props: { meta: PageMeta; v: Awaited<ReturnType<typeof p.publicOpenDay>>; form: FormState; csrf: string; sent: string | null; today: string }): SafeHtml {
  const { d } = props.v;
  const open = props.today <= d.signup_closes_on;
  return (
    <PortalLayout meta={props.meta}>
      <Crumbs items={[{ href: '/decisions', label: '重大行政决策' }, { label: '政府开放日' }]} />
      <h1>{d.title}</h1>
      <dl class="gk-meta">
        <dt>承办单位</dt><dd>{props.v.unit}</dd>
        <dt>活动日期</dt><dd>{d.held_on}</dd>
        <dt>地点</dt><dd>{d.place}</dd>
        {d.bring ? <><dt>须携带</dt><dd>{d.bring}</dd></> : null}
        <dt>名额</dt><dd>{d.capacity}人（已确认 {props.v.confirmed} 人，候补 {props.v.waiting} 人）</dd>
        <dt>报名截止</dt><dd>{d.signup_closes_on}</dd>
        {props.today > d.held_on ? <><dt>实际到场</dt><dd>{props.v.attended}人</dd></> : null}
      </dl>
      {props.sent === 'cancelled' ? <div class="gk-notice" role="status">您的报名已取消。</div> : null}
      {open ? (
        <section aria-labelledby="h-signup">
          <h2 id="h-signup">报名参加</h2>
          {props.sent && props.sent !== 'cancelled' ? <div class="gk-notice" role="status">{props.sent === 'waiting' ? '名额已满，您已进入候补名单；有人取消时按报名顺序递补。' : '报名成功。'}</div> : null}
          <p>姓名和联系方式仅用于活动组织，不会公开。填写电子邮箱的，报名确认、候补递补和安排变更发邮件通知；只留电话的，由工作人员电话通知。</p>
          <ErrorSummary errors={props.form.errors} labels={{ name: '姓名', contact: '联系方式' }} />
          <form method="post" action={`/open-days/${d.id}/signup`} class="gk-form" novalidate>
            <CsrfField token={props.csrf} />
            <TextField name="name" label="姓名（不公开）" form={props.form} required maxlength={50} autocomplete="name" />
            <TextField name="contact" label="联系方式（不公开）" form={props.form} required maxlength={100} autocomplete="tel" />
            <button type="submit" class="gk-button">报名</button>
          </form>
        </section>
      ) : <div class="gk-notice" role="status">报名已于{d.signup_closes_on}截止。</div>}
      <h2>收集的意见建议及采纳情况</h2>
      {props.v.suggestions.length ? (
        <ol>{props.v.suggestions.map((s) => <li><p>{s.suggestion}</p><p>采纳情况：{DISPOSITION_LABELS[s.disposition]}{s.reason ? `。理由：${s.reason}` : ''}</p></li>)}</ol>
      ) : <p>暂无公布的意见建议。</p>}
    </PortalLayout>
  );
}

type CancelView = Awaited<ReturnType<typeof p.lookupCancelToken>>;
/** The citizen's own cancellation page: the event and "您的报名" only — no name, no contact, no sign-up number. */
function CancelPage(props: { meta: PageMeta; v: CancelView; token: string; csrf: string }): SafeHtml {
  const v = props.v;
  const event = v.state === 'unknown' ? null : v.openDay;
  return (
    <PortalLayout meta={props.meta}>
      <Crumbs items={[{ href: '/decisions', label: '重大行政决策' }, { label: '取消开放日报名' }]} />
      <h1>取消开放日报名</h1>
      {event ? (
        <dl class="gk-meta">
          <dt>活动名称</dt><dd><a href={`/open-days/${event.id}`}>{event.title}</a></dd>
          <dt>承办单位</dt><dd>{event.unit}</dd>
          <dt>活动日期</dt><dd>{event.heldOn}</dd>
          <dt>地点</dt><dd>{event.place}</dd>
        </dl>
      ) : null}
      {v.state === 'ok' ? (
        <section aria-labelledby="h-cancel">
          <h2 id="h-cancel">您的报名</h2>
          <p>确认取消后，名额将按报名顺序递补给候补人员，取消后不能恢复；如仍想参加，请在报名截止前重新报名。</p>
          <form method="post" action="/open-days/cancel" class="gk-form">
            <CsrfField token={props.csrf} />
            <input type="hidden" name="token" value={props.token} />
            <button type="submit" class="gk-button">确认取消报名</button>
          </form>
        </section>
      ) : (
        <div class="gk-notice" role="alert">{
          v.state === 'unknown' ? '取消链接无效：请核对邮件中的链接是否完整。如需取消报名，请与活动承办单位联系。'
            : v.state === 'used' ? '您的报名已取消，此取消链接已失效。'
              : '活动已结束，此取消链接已失效。'
        }</div>
      )}
    </PortalLayout>
  );
}

/** Notice records without the message text or contact (those are on the console page, whose reads are audited). */
async function staffNotices(req: FastifyRequest, target: 'meeting' | 'open_day') {
  const id = idOf(req);
  if (target === 'meeting') await p.meetingForStaff(req.ctx, id); else await p.openDayForStaff(req.ctx, id);
  return (await noticesFor(req.ctx.db, target, id)).map((n) => ({ id: n.id, signupId: n.signup_id, event: n.event, channel: n.channel, createdAt: n.created_at, doneAt: n.done_at }));
}

export async function participationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const limit = { rateLimit: { max: deps.config.commentRateLimit, timeWindow: '1 minute' } };
  const meetingPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const v = await p.publicMeeting(req.ctx.db, idOf(req));
    const sent = (req.query as Record<string, unknown>).sent === '1';
    return sendHtml(reply, <MeetingPage meta={pageMeta(req, reply, v.m.title)} v={v} form={form} csrf={reply.generateCsrf()} sent={sent} today={todayCst()} />, status);
  };
  app.get('/meetings/:id', (req, reply) => meetingPage(req, reply, emptyForm()));
  app.post('/meetings/:id/signup', { config: limit }, async (req, reply) => {
    const b = formBody(req);
    try {
      await p.signUpForMeeting(req.ctx, idOf(req), { name: b.name, contact: b.contact, category: b.category, reason: b.reason, consent: b.consent });
      return reply.redirect(`/meetings/${idOf(req)}?sent=1#h-signup`, 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return meetingPage(req, reply, { values: b, errors: err.fields }, 400);
      throw err;
    }
  });
  const openDayPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) => {
    const v = await p.publicOpenDay(req.ctx.db, idOf(req));
    const sent = String((req.query as Record<string, unknown>).sent ?? '') || null;
    return sendHtml(reply, <OpenDayPage meta={pageMeta(req, reply, v.d.title)} v={v} form={form} csrf={reply.generateCsrf()} sent={sent === 'waiting' || sent === 'confirmed' || sent === 'cancelled' ? sent : null} today={todayCst()} />, status);
  };
  app.get('/open-days/:id', (req, reply) => openDayPage(req, reply, emptyForm()));
  // The citizen's own cancellation link (from the confirmation e-mail): GET shows what will be cancelled, POST cancels.
  const cancelPage = (req: FastifyRequest, reply: FastifyReply, v: CancelView, token: string) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const status = v.state === 'ok' ? 200 : v.state === 'unknown' ? 404 : 410;
    return sendHtml(reply, <CancelPage meta={pageMeta(req, reply, '取消开放日报名')} v={v} token={token} csrf={reply.generateCsrf()} />, status);
  };
  app.get('/open-days/cancel', { config: limit }, async (req, reply) => {
    const token = String((req.query as Record<string, unknown>).token ?? '');
    return cancelPage(req, reply, await p.lookupCancelToken(req.ctx.db, token), token);
  });
  app.post('/open-days/cancel', { config: limit }, async (req, reply) => {
    const token = formBody(req).token ?? '';
    const v = await p.cancelByToken(req.ctx, token);
    if (v.state === 'ok') return reply.redirect(`/open-days/${v.openDay.id}?sent=cancelled`, 303);
    return cancelPage(req, reply, v, token);
  });
  app.post('/open-days/:id/signup', { config: limit }, async (req, reply) => {
    const b = formBody(req);
    try {
      const r = await p.signUpForOpenDay(req.ctx, idOf(req), { name: b.name, contact: b.contact });
      return reply.redirect(`/open-days/${idOf(req)}?sent=${r.status}#h-signup`, 303);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return openDayPage(req, reply, { values: b, errors: err.fields }, 400);
      throw err;
    }
  });

  documentApi({ method: 'GET', url: '/api/v1/public/meetings/{id}', summary: '列席会议的公开记录：遴选办法、抽取所用的升序报名编号表和种子（可复算）、列席人员（同意公开的显示姓氏）及其意见和采纳情况', roles: '公开（无需登录）' });
  app.get('/api/v1/public/meetings/:id', async (req) => {
    const v = await p.publicMeeting(req.ctx.db, idOf(req));
    const m = v.m;
    return {
      data: {
        id: m.id, title: m.title, meetingOn: m.meeting_on, signupOpensOn: m.signup_opens_on, signupClosesOn: m.signup_closes_on, seats: m.seats, rules: m.rules,
        method: m.method, seed: m.seed, drawList: v.drawList, order: v.verify?.order ?? null, manualReason: m.manual_reason, signups: v.signups, attendees: v.attendees,
        algorithm: 'xmur3(seed) → mulberry32; Fisher–Yates over the ascending list (i = n−1…1, j = floor(r·(i+1))); the first `seats` are selected',
      },
    };
  });
  documentApi({ method: 'GET', url: '/api/v1/public/open-days/{id}', summary: '政府开放日：名额、已确认和候补人数、到场人数、意见建议及采纳情况', roles: '公开（无需登录）' });
  app.get('/api/v1/public/open-days/:id', async (req) => {
    const v = await p.publicOpenDay(req.ctx.db, idOf(req));
    return { data: { id: v.d.id, title: v.d.title, unit: v.unit, heldOn: v.d.held_on, place: v.d.place, capacity: v.d.capacity, signupClosesOn: v.d.signup_closes_on, confirmed: v.confirmed, waiting: v.waiting, attended: v.attended, suggestions: v.suggestions } };
  });

  // Staff API (console forms can follow; every rule lives in the service).
  documentApi({ method: 'POST', url: '/api/v1/meetings', summary: '发布列席会议通知：title、decisionId?、meetingOn、signupOpensOn、signupClosesOn、seats、rules（遴选办法）、place?（会议地点）、bring?（须携带）', roles: '管理员' });
  app.post('/api/v1/meetings', async (req, reply) => reply.status(201).send({ data: await p.createMeeting(req.ctx, req.body) }));
  documentApi({ method: 'POST', url: '/api/v1/meetings/{id}/draw', summary: '报名截止后按公布的种子随机抽取：seed', roles: '管理员' });
  app.post('/api/v1/meetings/:id/draw', async (req) => ({ data: { selected: await p.drawAttendees(req.ctx, idOf(req), req.body) } }));
  documentApi({ method: 'POST', url: '/api/v1/meetings/{id}/choose', summary: '人工遴选并记录理由：ids（报名编号）、reason', roles: '管理员' });
  app.post('/api/v1/meetings/:id/choose', async (req) => { await p.chooseAttendees(req.ctx, idOf(req), req.body); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/meeting-signups/{id}/opinion', summary: '登记列席人员的意见及采纳情况：opinion、disposition、reason', roles: '管理员' });
  app.post('/api/v1/meeting-signups/:id/opinion', async (req) => { await p.recordMeetingOpinion(req.ctx, idOf(req), req.body); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/open-days', summary: '发布政府开放日活动：title、unit、heldOn、place、capacity、signupClosesOn、bring?（须携带）', roles: '管理员、单位联络员/审核人（本单位）' });
  app.post('/api/v1/open-days', async (req, reply) => reply.status(201).send({ data: await p.createOpenDay(req.ctx, req.body) }));
  documentApi({ method: 'POST', url: '/api/v1/meetings/{id}/details', summary: '修改会议安排：meetingOn、place?、bring?；已遴选的，自动通知入选人员（每人每次变更一次）', roles: '管理员' });
  app.post('/api/v1/meetings/:id/details', async (req) => ({ data: await p.updateMeeting(req.ctx, idOf(req), req.body) }));
  documentApi({ method: 'POST', url: '/api/v1/open-days/{id}/details', summary: '修改开放日安排：heldOn、place、bring?；自动通知已确认和候补的报名人（每人每次变更一次）', roles: '管理员、承办单位' });
  app.post('/api/v1/open-days/:id/details', async (req) => ({ data: await p.updateOpenDay(req.ctx, idOf(req), req.body) }));
  documentApi({ method: 'GET', url: '/api/v1/meetings/{id}/notices', summary: '列席会议的通知记录（工作人员）：signupId、event（selected|changed）、channel（email|phone：phone 为“请电话通知”）、doneAt', roles: '管理员、审计员' });
  app.get('/api/v1/meetings/:id/notices', async (req) => ({ data: await staffNotices(req, 'meeting') }));
  documentApi({ method: 'GET', url: '/api/v1/open-days/{id}/notices', summary: '开放日的通知记录（工作人员）：signupId、event（confirmed|waiting|cancelled|changed）、channel、doneAt', roles: '管理员、审计员、承办单位' });
  app.get('/api/v1/open-days/:id/notices', async (req) => ({ data: await staffNotices(req, 'open_day') }));
  documentApi({ method: 'POST', url: '/api/v1/participant-notices/{id}/phoned', summary: '登记“请电话通知”已电话通知', roles: '管理员（列席）、管理员和承办单位（开放日）' });
  app.post('/api/v1/participant-notices/:id/phoned', async (req) => { await markPhoned(req.ctx, idOf(req)); return { data: { ok: true } }; });
  documentApi({ method: 'POST', url: '/api/v1/open-day-signups/{id}/cancel', summary: '取消报名（候补第一位自动递补）', roles: '管理员、承办单位' });
  app.post('/api/v1/open-day-signups/:id/cancel', async (req) => ({ data: { promoted: await p.cancelOpenDaySignup(req.ctx, idOf(req)) } }));
  documentApi({ method: 'POST', url: '/api/v1/open-day-signups/{id}/attendance', summary: '登记到场、意见建议及采纳情况：attended、suggestion?、disposition?、reason?', roles: '管理员、承办单位' });
  app.post('/api/v1/open-day-signups/:id/attendance', async (req) => { await p.recordOpenDayAttendance(req.ctx, idOf(req), req.body); return { data: { ok: true } }; });
}
