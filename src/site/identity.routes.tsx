// Site identity: the admin's settings page (/console/site), the public 联系我们 page (/contact) and
// the reading-aids page (/preferences: text size, line spacing, high contrast, large pointer — plain links, cookies).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireAdmin } from '../auth/policy.js';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout, PortalLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, pageMeta, readingPrefs, sendHtml } from '../web/http.js';
import { IDENTITY_LABELS, loadSettings, saveSettings, type SiteSettings } from './identity.js';

const FIELDS: { name: keyof SiteSettings; hint?: string; type?: string }[] = [
  { name: 'siteName', hint: '页面头部和 SiteName 标签显示的网站全称' }, { name: 'siteDomain', hint: '如 www.linzi.gov.cn（SiteDomain 标签）' },
  { name: 'siteCode', hint: '10位政府网站标识码（SiteIDCode 标签，页脚显示）' }, { name: 'sponsor' }, { name: 'organizer' },
  { name: 'icp' }, { name: 'icpUrl', type: 'url' }, { name: 'psb' }, { name: 'psbUrl', type: 'url' }, { name: 'conacUrl', type: 'url', hint: '党政机关网站标识的核验页面地址' },
  { name: 'contactAddress' }, { name: 'contactPostcode' }, { name: 'contactPhone' }, { name: 'contactEmail', type: 'email' }, { name: 'contactHours' },
];

async function settingsPage(req: FastifyRequest, reply: FastifyReply, form?: FormState, notice?: string) {
  requireAdmin(req.ctx.actor);
  const s = await loadSettings(req.ctx.db);
  const f = form ?? emptyForm({ ...s });
  const meta = pageMeta(req, reply, '网站标识与联系方式');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p>这些信息显示在门户每个页面的页脚和标准网页标签中；<a href="/contact">联系我们</a>页面显示通讯地址、电话、邮箱和办公时间。默认值为临淄区的示例，请按备案信息核对。</p>
      <ErrorSummary errors={f.errors} labels={IDENTITY_LABELS} />
      <Form action="/console/site" csrf={meta.csrf!} submit="保存">
        {FIELDS.map((x) => <TextField name={x.name} label={IDENTITY_LABELS[x.name]} form={f} hint={x.hint} type={x.type} required={x.name !== 'contactPostcode'} />)}
      </Form>
    </ConsoleLayout>
  ), form ? 400 : 200);
}

const PREF_BACK = /^\/(?!\/)[^\s\\]*$/;

export async function identityRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/site', (req, reply) => settingsPage(req, reply, undefined, (req.query as Record<string, string>).saved ? '已保存。页脚、网页标签和联系我们页面已更新。' : undefined));
  app.post('/console/site', async (req, reply) => {
    const body = formBody(req);
    try {
      await saveSettings(req.ctx, body);
    } catch (err) {
      if (err instanceof AppError && err.kind === 'invalid') return settingsPage(req, reply, { values: body, errors: err.fields });
      throw err;
    }
    return reply.redirect('/console/site?saved=1', 303);
  });

  app.get('/contact', async (req, reply) => {
    const s = await loadSettings(req.ctx.db);
    const meta = { ...pageMeta(req, reply, '联系我们'), column: { name: '联系我们', description: `${s.siteName}联系方式`, keywords: '联系我们,联系方式', type: '联系我们' } };
    return sendHtml(reply, (
      <PortalLayout meta={meta}>
        <h1>联系我们</h1>
        <table class="gk-table gk-meta-table">
          <caption class="visually-hidden">联系方式</caption>
          <tbody>
            <tr><th scope="row">主办单位</th><td>{s.sponsor}</td></tr>
            <tr><th scope="row">承办单位</th><td>{s.organizer}</td></tr>
            <tr><th scope="row">通讯地址</th><td>{s.contactAddress}</td></tr>
            {s.contactPostcode ? <tr><th scope="row">邮政编码</th><td>{s.contactPostcode}</td></tr> : null}
            <tr><th scope="row">联系电话</th><td>{s.contactPhone}</td></tr>
            <tr><th scope="row">电子邮箱</th><td><a href={`mailto:${s.contactEmail}`}>{s.contactEmail}</a></td></tr>
            <tr><th scope="row">办公时间</th><td>{s.contactHours}</td></tr>
          </tbody>
        </table>
        <p>申请获取政府信息，请见各机关的<a href="/zfxxgk">政府信息公开指南</a>。</p>
      </PortalLayout>
    ));
  });

  // Reading aids: each choice is a GET link that sets a cookie and comes back, so no JavaScript is needed.
  app.get('/preferences', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const back = typeof q.back === 'string' && PREF_BACK.test(q.back) ? q.back : '/';
    const cur = readingPrefs(req);
    const link = (k: string, v: string) => `/preferences/display?${k}=${v}&back=${encodeURIComponent(back)}`;
    const Opt = (p: { k: string; v: string; on: boolean; label: string }) =>
      <li><a href={link(p.k, p.v)} aria-current={p.on ? 'true' : undefined}>{p.label}{p.on ? '（当前）' : ''}</a></li>;
    return sendHtml(reply, (
      <PortalLayout meta={pageMeta(req, reply, '无障碍阅读')}>
        <h1>无障碍阅读</h1>
        <p>以下设置保存在本浏览器中，对本网站所有页面有效，无需启用脚本。也可使用<a href={`/preferences/elder?mode=on&back=${encodeURIComponent(back)}`}>长辈模式</a>（大字体、简洁版面）。</p>
        <section class="gk-prefs-group" aria-labelledby="h-text"><h2 id="h-text">文字大小</h2>
          <ul><Opt k="text" v="m" on={!cur.text} label="标准" /><Opt k="text" v="l" on={cur.text === 'l'} label="大" /><Opt k="text" v="xl" on={cur.text === 'xl'} label="特大" /></ul></section>
        <section class="gk-prefs-group" aria-labelledby="h-spacing"><h2 id="h-spacing">行距</h2>
          <ul><Opt k="spacing" v="normal" on={!cur.spacing} label="标准" /><Opt k="spacing" v="wide" on={cur.spacing === 'wide'} label="加宽" /></ul></section>
        <section class="gk-prefs-group" aria-labelledby="h-contrast"><h2 id="h-contrast">配色</h2>
          <ul><Opt k="contrast" v="normal" on={!cur.contrast} label="标准配色" /><Opt k="contrast" v="high" on={cur.contrast === 'high'} label="高对比度（黑底白字）" /></ul></section>
        <section class="gk-prefs-group" aria-labelledby="h-cursor"><h2 id="h-cursor">鼠标指针</h2>
          <ul><Opt k="cursor" v="normal" on={!cur.cursor} label="标准指针" /><Opt k="cursor" v="large" on={cur.cursor === 'large'} label="特大指针" /></ul></section>
        <p>本网站不使用弹出窗口和广告；所有功能均可只用键盘操作（Tab 键移动，回车键确认）。正文页面在浏览器支持语音合成时提供“朗读全文”按钮，朗读在本机完成，内容不会发送到其他网站。</p>
        <p><a href={back}>返回原页面</a></p>
      </PortalLayout>
    ));
  });
  app.get('/preferences/display', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const opts = { path: '/', httpOnly: true, sameSite: 'lax' as const, maxAge: 365 * 86400 };
    const set = (name: string, v: string | null) => (v ? reply.setCookie(name, v, opts) : reply.clearCookie(name, { path: '/' }));
    if (q.text === 'l' || q.text === 'xl' || q.text === 'm') set('gk_text', q.text === 'm' ? null : q.text);
    if (q.spacing === 'wide' || q.spacing === 'normal') set('gk_spacing', q.spacing === 'wide' ? 'wide' : null);
    if (q.contrast === 'high' || q.contrast === 'normal') set('gk_contrast', q.contrast === 'high' ? 'high' : null);
    if (q.cursor === 'large' || q.cursor === 'normal') set('gk_cursor', q.cursor === 'large' ? 'large' : null);
    const back = typeof q.back === 'string' && PREF_BACK.test(q.back) ? q.back : '/';
    return reply.redirect(`/preferences?back=${encodeURIComponent(back)}`, 303);
  });
}
