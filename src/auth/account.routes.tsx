// 我的账号 /console/account: change the password (also the forced first-login / after-reset change),
// see and end own sessions, own API tokens, the second factor (TOTP) with recovery codes. Plus the
// admins' token list /console/tokens and the token API.
import QRCode from 'qrcode';
import { raw } from '#jsx/jsx-runtime';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, invalid } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { formatLocal } from '../audit/public.js';
import { changeOwnPassword, listOwnSessions, revokeOwnSession } from './auth.service.js';
import { PASSWORD_MIN_LENGTH } from './password-policy.js';
import { requireAdmin, requireUser } from './policy.js';
import { accountOverview, disableTotp, enableTotp, totpEnrolment } from './account.service.js';
import { securitySettings } from './security-settings.js';
import { issueApiToken, listApiTokens, revokeApiToken, TOKEN_MODULES, TOKEN_SCOPE_LABELS, type TokenRow } from './tokens.js';
import { otpauthUri } from './totp.js';
import { now } from '../lib/time.js';
import { redirectWithFlash, takeFlash } from '../web/flash.js';

const LABELS = { current: '当前密码', password: '新密码', confirm: '确认新密码', name: '令牌名称', scope: '权限范围', module: '限定模块', expiresDays: '有效期（天）', code: '动态验证码' };
const ISSUER = '政务公开工作平台';

type Notice = { text: string; secret?: string[] };
type PageState = { password?: FormState; token?: FormState; notice?: Notice };

const TokenTable = (p: { rows: TokenRow[]; csrf: string; action: (id: number) => string; showUser?: boolean }) => (
  p.rows.length ? (
    <table class="gk-table">
      <caption class="visually-hidden">访问令牌</caption>
      <thead><tr><th scope="col">名称</th>{p.showUser ? <th scope="col">用户</th> : null}<th scope="col">权限</th><th scope="col">创建时间</th><th scope="col">最近使用</th><th scope="col">到期</th><th scope="col">状态</th></tr></thead>
      <tbody>{p.rows.map((t) => (
        <tr>
          <td>{t.name}</td>{p.showUser ? <td>{t.username}</td> : null}
          <td>{TOKEN_SCOPE_LABELS[t.scope as keyof typeof TOKEN_SCOPE_LABELS] ?? t.scope}{t.module ? `（仅 ${t.module}）` : ''}</td>
          <td>{formatLocal(t.created_at)}</td><td>{t.last_used_at ? formatLocal(t.last_used_at) : '从未使用'}</td><td>{t.expires_at ? formatLocal(t.expires_at) : '不过期'}</td>
          <td>{t.revoked_at ? `已撤销（${formatLocal(t.revoked_at)}）` : t.expires_at && t.expires_at <= now().toISOString() ? '已过期' : (
            <form method="post" action={p.action(t.id)} class="gk-inline"><input type="hidden" name="_csrf" value={p.csrf} />
              <button type="submit" class="gk-button gk-button--link">撤销<span class="visually-hidden">令牌 {t.name}</span></button></form>
          )}</td>
        </tr>
      ))}</tbody>
    </table>
  ) : <p>暂无访问令牌。</p>
);

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const accountPage = async (req: FastifyRequest, reply: FastifyReply, state: PageState = {}, status = 200) => {
    const u = requireUser(req.ctx.actor);
    const meta = pageMeta(req, reply, '我的账号');
    const csrf = meta.csrf!;
    const [sessions, tokens, account] = await Promise.all([
      listOwnSessions(req.ctx, req.sessionToken),
      listApiTokens(req.ctx, { userId: u.userId }),
      accountOverview(req.ctx),
    ]);
    const pw = state.password ?? emptyForm();
    const tk = state.token ?? emptyForm({ scope: 'read', expiresDays: '90' });
    // The one-time message of a redirected POST (PRG, src/web/flash.ts); secrets are never sent this way.
    const flash = takeFlash(req, reply);
    if (flash && !state.notice) state = { ...state, notice: { text: flash } };
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {u.mustChangePassword ? <div class="gk-notice" role="alert"><p><strong>请先修改密码。</strong>这是首次登录、管理员重置后的登录或密码已到期；修改前不能使用其他功能。</p></div> : null}
        {!u.mustChangePassword && u.mustEnrolTotp ? <div class="gk-notice" role="alert"><p><strong>请先启用双因素认证。</strong>管理员和审核人账号须使用动态验证码登录。<a href="/console/account/totp">现在启用</a></p></div> : null}
        {state.notice ? (
          <div class="gk-notice" role="status"><p>{state.notice.text}</p>
            {state.notice.secret ? <ul>{state.notice.secret.map((s) => <li><code>{s}</code></li>)}</ul> : null}</div>
        ) : null}

        <section aria-labelledby="h-password">
          <h2 id="h-password">修改密码</h2>
          <ErrorSummary errors={pw.errors} labels={LABELS} />
          <Form action="/console/account/password" csrf={csrf} submit="修改密码">
            <TextField name="current" label="当前密码" type="password" form={pw} required autocomplete="current-password" />
            <TextField name="password" label="新密码" type="password" form={pw} required autocomplete="new-password"
              hint={`至少${PASSWORD_MIN_LENGTH}个字符，包含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名，不能是常见密码`} />
            <TextField name="confirm" label="确认新密码" type="password" form={pw} required autocomplete="new-password" />
          </Form>
          <p class="gk-muted">上次修改：{account.passwordChangedAt ? formatLocal(account.passwordChangedAt) : '未记录'}。修改后，您在其他设备上的登录将失效。</p>
        </section>

        <section aria-labelledby="h-sessions">
          <h2 id="h-sessions">登录会话</h2>
          <p class="gk-muted">闲置 {securitySettings().sessionIdleMinutes} 分钟或登录满 {securitySettings().sessionMaxHours} 小时后需重新登录；同时最多保留 {securitySettings().maxSessionsPerUser} 个会话。</p>
          <table class="gk-table">
            <caption class="visually-hidden">我的登录会话</caption>
            <thead><tr><th scope="col">登录时间</th><th scope="col">最近活动</th><th scope="col">来源地址</th><th scope="col">浏览器</th><th scope="col">操作</th></tr></thead>
            <tbody>{sessions.map((s) => (
              <tr><td>{formatLocal(s.created_at)}</td><td>{formatLocal(s.last_seen_at)}</td><td>{s.ip ?? ''}</td><td>{(s.user_agent ?? '').slice(0, 80)}</td>
                <td>{s.current ? '当前会话' : (
                  <form method="post" action="/console/account/sessions/revoke" class="gk-inline"><input type="hidden" name="_csrf" value={csrf} />
                    <input type="hidden" name="id" value={s.id} />
                    <button type="submit" class="gk-button gk-button--link">结束<span class="visually-hidden">{formatLocal(s.created_at)} 的会话</span></button></form>
                )}</td></tr>
            ))}</tbody>
          </table>
        </section>

        <section aria-labelledby="h-totp">
          <h2 id="h-totp">双因素认证</h2>
          <p>{account.totpEnabled ? '已启用：登录时需输入身份验证器应用中的动态验证码。' : '未启用。'} <a href="/console/account/totp">{account.totpEnabled ? '管理双因素认证' : '启用双因素认证'}</a></p>
        </section>

        <section aria-labelledby="h-tokens">
          <h2 id="h-tokens">我的访问令牌（API）</h2>
          <TokenTable rows={tokens} csrf={csrf} action={(id) => `/console/account/tokens/${id}/revoke`} />
          <h3>新建令牌</h3>
          <ErrorSummary errors={tk.errors} labels={LABELS} />
          <Form action="/console/account/tokens" csrf={csrf} submit="创建令牌">
            <TextField name="name" label="令牌名称" form={tk} required maxlength={60} hint="写明用途，例如：台账统计脚本" />
            <SelectField name="scope" label="权限范围" form={tk} options={[{ value: 'read', label: '只读（只能查询）' }, { value: 'read_write', label: '读写' }]} />
            <SelectField name="module" label="限定模块（可不选）" form={tk} options={TOKEN_MODULES.map((m) => ({ value: m, label: m }))} />
            <TextField name="expiresDays" label="有效期（天）" form={tk} required maxlength={3} hint="1至366天" />
          </Form>
        </section>
      </ConsoleLayout>
    ), status);
  };

  const fieldsOf = (err: unknown) => (err instanceof AppError && err.kind === 'invalid' ? err.fields : null);

  app.get('/console/account', (req, reply) => accountPage(req, reply));

  app.post('/console/account/password', async (req, reply) => {
    const b = formBody(req);
    try {
      await changeOwnPassword(req.ctx, req.sessionToken, { current: b.current, password: b.password, confirm: b.confirm });
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return accountPage(req, reply, { password: { values: {}, errors: f } }, 400);
      throw err;
    }
    return redirectWithFlash(reply, '/console/account', '密码已修改。其他设备上的登录已结束。');
  });

  app.post('/console/account/sessions/revoke', async (req, reply) => {
    const id = formBody(req).id ?? '';
    if (!/^[0-9a-f]{64}$/.test(id)) throw invalid({ id: '会话无效' });
    await revokeOwnSession(req.ctx, id);
    return redirectWithFlash(reply, '/console/account', '该会话已结束。');
  });

  app.post('/console/account/tokens', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const b = formBody(req);
    const days = /^\d{1,3}$/.test(b.expiresDays ?? '') ? Number(b.expiresDays) : Number.NaN;
    try {
      const t = await issueApiToken(req.ctx, { username: u.username, name: b.name ?? '', scope: b.scope || 'read', module: b.module || null, expiresDays: days });
      return accountPage(req, reply, { notice: { text: '令牌已创建。请立即复制保存，它只显示这一次：', secret: [t.token] } }, 201);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return accountPage(req, reply, { token: { values: b, errors: f } }, 400);
      throw err;
    }
  });

  app.post('/console/account/tokens/:id/revoke', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const id = intParam((req.params as { id: string }).id);
    const own = (await listApiTokens(req.ctx, { userId: u.userId })).some((t) => t.id === id);
    if (!own) throw new AppError('not_found', 'not_found', '访问令牌不存在或您无权查看');
    await revokeApiToken(req.ctx, id);
    return redirectWithFlash(reply, '/console/account', '令牌已撤销。');
  });

  // ---------------------------------------------------------------- second factor

  const totpPage = async (req: FastifyRequest, reply: FastifyReply, form: FormState = emptyForm(), notice?: Notice, status = 200) => {
    const u = requireUser(req.ctx.actor);
    const meta = pageMeta(req, reply, '双因素认证');
    const row = await totpEnrolment(req.ctx);
    const flash = takeFlash(req, reply);
    if (flash && !notice) notice = { text: flash };
    const secret = row.secret;
    // The enrolment QR code, rendered here as SVG (nothing leaves the server; no script needed to show it).
    const qr = !row.enabled && secret ? raw((await QRCode.toString(otpauthUri(ISSUER, u.username, secret), { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 220 })).trim()) : null;
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        {notice ? <div class="gk-notice" role="status"><p>{notice.text}</p>{notice.secret ? <ul>{notice.secret.map((s) => <li><code>{s}</code></li>)}</ul> : null}</div> : null}
        <ErrorSummary errors={form.errors} labels={LABELS} />
        {row.enabled ? (
          <>
            <p>双因素认证已启用。剩余恢复码 {row.recoveryCodesLeft} 个。</p>
            {!row.mayTurnOff ? <p>您的角色必须使用双因素认证，不能关闭。</p> : (
              <Form action="/console/account/totp/disable" csrf={meta.csrf!} submit="关闭双因素认证">
                <TextField name="current" label="当前密码" type="password" form={form} required autocomplete="current-password" />
              </Form>
            )}
          </>
        ) : (
          <>
            <p>第一步：在手机上安装身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），添加账号。</p>
            <p>用应用扫描下面的二维码；无法扫描时，选择“手动输入密钥”，填写下面的密钥（基于时间，30秒，6位），或将 otpauth 地址复制到支持导入的应用中。</p>
            {qr ? <figure class="gk-qr" role="img" aria-label="双因素认证二维码（内容为下方的 otpauth 地址）">{qr}</figure> : null}
            <dl class="gk-dl">
              <dt>账号</dt><dd>{ISSUER}:{u.username}</dd>
              <dt>密钥</dt><dd><code>{(secret ?? '').replace(/(.{4})/g, '$1 ').trim()}</code></dd>
              <dt>otpauth 地址</dt><dd><code>{otpauthUri(ISSUER, u.username, secret ?? '')}</code></dd>
            </dl>
            <p>第二步：输入应用显示的6位动态验证码完成启用。启用后会显示10个一次性恢复码，请妥善保存。</p>
            <Form action="/console/account/totp" csrf={meta.csrf!} submit="启用">
              <TextField name="code" label="动态验证码" form={form} required autocomplete="one-time-code" maxlength={6} />
            </Form>
          </>
        )}
        <p><a href="/console/account">返回我的账号</a></p>
      </ConsoleLayout>
    ), status);
  };

  app.get('/console/account/totp', (req, reply) => totpPage(req, reply));

  app.post('/console/account/totp', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const code = (formBody(req).code ?? '').trim();
    let codes: string[] | null;
    try {
      codes = await enableTotp(req.ctx, code);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return totpPage(req, reply, { values: {}, errors: f }, undefined, 400);
      throw err;
    }
    if (!codes) return totpPage(req, reply);
    req.ctx.actor = { ...u, mustEnrolTotp: false };
    return totpPage(req, reply, emptyForm(), { text: '双因素认证已启用。以下恢复码只显示这一次，每个可代替动态验证码登录一次：', secret: codes });
  });

  app.post('/console/account/totp/disable', async (req, reply) => {
    const current = formBody(req).current ?? '';
    try {
      await disableTotp(req.ctx, current);
    } catch (err) {
      const f = fieldsOf(err);
      if (f) return totpPage(req, reply, { values: {}, errors: f }, undefined, 400);
      throw err;
    }
    return redirectWithFlash(reply, '/console/account/totp', '双因素认证已关闭。');
  });

  // ---------------------------------------------------------------- admins: every token of the area

  app.get('/console/tokens', async (req, reply) => {
    requireAdmin(req.ctx.actor);
    const meta = pageMeta(req, reply, '访问令牌管理');
    const rows = await listApiTokens(req.ctx);
    return sendHtml(reply, (
      <ConsoleLayout meta={meta}>
        <p>本区全部用户的 API 访问令牌。重置密码或停用用户时，其令牌自动撤销。</p>
        <TokenTable rows={rows} csrf={meta.csrf!} action={(id) => `/console/tokens/${id}/revoke`} showUser />
      </ConsoleLayout>
    ));
  });
  app.post('/console/tokens/:id/revoke', async (req, reply) => {
    requireAdmin(req.ctx.actor);
    await revokeApiToken(req.ctx, intParam((req.params as { id: string }).id));
    return reply.redirect('/console/tokens', 303);
  });

  documentApi({ method: 'GET', url: '/api/v1/tokens', summary: '访问令牌列表（本人；admin 为全区）', roles: '已登录' });
  app.get('/api/v1/tokens', async (req) => ({ data: await listApiTokens(req.ctx) }));
  documentApi({ method: 'POST', url: '/api/v1/tokens', summary: '为本人创建访问令牌（令牌只返回一次）', roles: '已登录', body: { name: 'string', scope: 'read|read_write', module: 'string?', expiresDays: 'integer (1-366)' } });
  app.post('/api/v1/tokens', async (req, reply) => {
    const u = requireUser(req.ctx.actor);
    const b = (req.body ?? {}) as Record<string, unknown>;
    const t = await issueApiToken(req.ctx, {
      username: u.username, name: typeof b.name === 'string' ? b.name : '', scope: typeof b.scope === 'string' ? b.scope : 'read',
      module: typeof b.module === 'string' ? b.module : null, expiresDays: typeof b.expiresDays === 'number' ? b.expiresDays : Number.NaN,
    });
    return reply.status(201).send({ data: t });
  });
  documentApi({ method: 'DELETE', url: '/api/v1/tokens/{id}', summary: '撤销访问令牌', roles: '本人、admin' });
  app.delete('/api/v1/tokens/:id', async (req) => {
    await revokeApiToken(req.ctx, intParam((req.params as { id: string }).id));
    return { data: { ok: true } };
  });
}
