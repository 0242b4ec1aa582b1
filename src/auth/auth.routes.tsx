// Login (password, then the second factor when enrolled) / logout pages, the 长辈模式 preference, and the API's /me.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeTotpLogin, login, logout, pendingTotpUser, type RequestMeta } from './auth.service.js';
import { me } from '../org/public.js';
import { AppError } from '../lib/errors.js';
import { PortalLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, pageMeta, sendHtml } from '../web/http.js';
import { SESSION_COOKIE } from '../web/http.js';
import type { AppDeps } from '../app/module.js';
import { securitySettings } from './security-settings.js';

const LABELS = { username: '用户名', password: '密码', code: '动态验证码' };
/** The second-factor step's cookie: a pending session that is not a login. */
export const MFA_COOKIE = 'gk_mfa';
const safeNext = (n: unknown) => (typeof n === 'string' && /^\/(?!\/)[^\s\\]*$/.test(n) ? n : '/console');
export const requestMeta = (req: FastifyRequest): RequestMeta => ({ requestId: req.id, ip: req.ctx.ip ?? null, userAgent: req.ctx.userAgent ?? null });

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const secure = deps.config.secure ? true : 'auto';
  const sessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: securitySettings().sessionMaxHours * 3600 });

  const loginPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, next: string, status = 200) => {
    const meta = pageMeta(req, reply, '工作人员登录');
    const csrf = reply.generateCsrf();
    return sendHtml(reply, (
      <PortalLayout meta={meta}>
        <h1>工作人员登录</h1>
        <ErrorSummary errors={form.errors} labels={LABELS} />
        <Form action={`/login?next=${encodeURIComponent(next)}`} csrf={csrf} submit="登录">
          <TextField name="username" label="用户名" form={form} required autocomplete="username" maxlength={40} />
          <TextField name="password" label="密码" type="password" form={form} required autocomplete="current-password" />
        </Form>
      </PortalLayout>
    ), status);
  };

  const totpPage = (req: FastifyRequest, reply: FastifyReply, form: FormState, next: string, status = 200) => {
    const meta = pageMeta(req, reply, '双因素认证');
    const csrf = reply.generateCsrf();
    return sendHtml(reply, (
      <PortalLayout meta={meta}>
        <h1>双因素认证</h1>
        <ErrorSummary errors={form.errors} labels={LABELS} />
        <p>请打开手机上的身份验证器应用，输入显示的6位动态验证码；手机不在身边时可输入一个恢复码（每个只能用一次）。</p>
        <Form action={`/login/totp?next=${encodeURIComponent(next)}`} csrf={csrf} submit="验证">
          <TextField name="code" label="动态验证码或恢复码" form={form} required autocomplete="one-time-code" maxlength={20} />
        </Form>
      </PortalLayout>
    ), status);
  };

  app.get('/login', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    if (req.ctx.actor.kind === 'user') return reply.redirect(next, 303);
    return loginPage(req, reply, emptyForm(), next);
  });

  app.post('/login', { config: { rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } } }, async (req, reply) => {
    const b = formBody(req);
    const next = safeNext((req.query as Record<string, unknown>).next);
    const username = (b.username ?? '').trim();
    const errors: Record<string, string> = {};
    if (!username) errors.username = '请填写用户名';
    else if (username.length > 40) errors.username = '用户名不能超过40个字符';
    if (!b.password) errors.password = '请填写密码';
    else if (b.password.length > 200) errors.password = '密码过长';
    if (Object.keys(errors).length) return loginPage(req, reply, { values: { username }, errors }, next, 400);
    try {
      const r = await login(req.ctx.db, username, b.password!, requestMeta(req));
      if (r.mfaPending) {
        reply.setCookie(MFA_COOKIE, r.token, { path: '/login', httpOnly: true, sameSite: 'strict', secure, signed: true, maxAge: 300 });
        return reply.redirect(`/login/totp?next=${encodeURIComponent(next)}`, 303);
      }
      sessionCookie(reply, r.token);
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof AppError && ['login_failed', 'account_locked', 'login_throttled'].includes(err.code)) {
        return loginPage(req, reply, { values: { username }, errors: { password: err.message } }, next, err.status);
      }
      throw err;
    }
  });

  const pendingToken = (req: FastifyRequest): string | null => {
    const raw = req.cookies[MFA_COOKIE];
    if (!raw) return null;
    const un = req.unsignCookie(raw);
    return un.valid && un.value ? un.value : null;
  };

  app.get('/login/totp', async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    const t = pendingToken(req);
    if (!t || !(await pendingTotpUser(req.ctx.db, t))) return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    return totpPage(req, reply, emptyForm(), next);
  });

  app.post('/login/totp', { config: { rateLimit: { max: deps.config.loginRateLimit, timeWindow: '1 minute' } } }, async (req, reply) => {
    const next = safeNext((req.query as Record<string, unknown>).next);
    const code = (formBody(req).code ?? '').trim();
    const t = pendingToken(req);
    if (!t) return reply.redirect(`/login?next=${encodeURIComponent(next)}`, 303);
    if (!code) return totpPage(req, reply, { values: {}, errors: { code: '请填写动态验证码' } }, next, 400);
    try {
      const r = await completeTotpLogin(req.ctx.db, t, code.slice(0, 40), requestMeta(req));
      reply.clearCookie(MFA_COOKIE, { path: '/login' });
      sessionCookie(reply, r.token);
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'totp_invalid') return totpPage(req, reply, { values: {}, errors: { code: err.message } }, next, 401);
      if (err instanceof AppError && (err.code === 'account_locked' || err.code === 'login_required')) {
        reply.clearCookie(MFA_COOKIE, { path: '/login' });
        return loginPage(req, reply, { values: {}, errors: { password: err.message } }, next, err.status);
      }
      throw err;
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.sessionToken) await logout(req.ctx.db, req.sessionToken, requestMeta(req));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  // A display preference, so a plain GET link is enough and it works without JavaScript.
  app.get('/preferences/elder', async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const on = q.mode === 'on';
    reply.setCookie('gk_elder', on ? '1' : '0', { path: '/', httpOnly: true, sameSite: 'lax', maxAge: 365 * 86400 });
    const back = typeof q.back === 'string' && /^\/(?!\/)[^\s\\]*$/.test(q.back) ? q.back : '/';
    return reply.redirect(back, 303);
  });

  documentApi({ method: 'GET', url: '/api/v1/me', summary: '当前用户', roles: '已登录' });
  app.get('/api/v1/me', async (req) => ({ data: await me(req.ctx) }));
}
