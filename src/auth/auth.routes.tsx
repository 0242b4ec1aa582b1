// Login / logout pages, the 长辈模式 preference, and the API's /me.
import type { FastifyInstance } from 'fastify';
import { login, logout } from './auth.service.js';
import { me } from '../org/public.js';
import { AppError } from '../lib/errors.js';
import { PortalLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, pageMeta, sendHtml } from '../web/http.js';
import { SESSION_COOKIE } from '../web/http.js';
import type { AppDeps } from '../app/module.js';

const LABELS = { username: '用户名', password: '密码' };
const safeNext = (n: unknown) => (typeof n === 'string' && /^\/(?!\/)[^\s\\]*$/.test(n) ? n : '/console');

export async function authRoutes(app: FastifyInstance, deps: AppDeps) {
  const loginPage = (req: Parameters<typeof pageMeta>[0], reply: Parameters<typeof pageMeta>[1], form: FormState, next: string, status = 200) => {
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
      const { token } = await login(req.ctx.db, username, b.password!, req.id);
      reply.setCookie(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto', signed: true, maxAge: 8 * 3600 });
      return reply.redirect(next, 303);
    } catch (err) {
      if (err instanceof AppError && (err.code === 'login_failed' || err.code === 'account_locked')) {
        return loginPage(req, reply, { values: { username }, errors: { password: err.message } }, next, err.status);
      }
      throw err;
    }
  });

  app.post('/logout', async (req, reply) => {
    if (req.sessionToken) await logout(req.ctx.db, req.sessionToken);
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
