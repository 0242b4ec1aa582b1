// Console pages and API for units and users (admin manages; auditor reads).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { ROLE_LABELS } from '../auth/policy.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { Checkbox, ErrorSummary, Form, SelectField, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { documentApi, formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import * as org from './org.service.js';
import { canManageOrg } from './org-policy.js';
import { ROLES, UNIT_KINDS } from './org.schema.js';
import { bulkImportRoutes } from './bulk-import.routes.js';

const UNIT_LABELS = { name: '单位名称', code: '单位代码', kind: '单位类型' };
const USER_LABELS = { username: '用户名', displayName: '姓名', role: '角色', unitId: '所属单位', password: '初始密码', disabled: '停用' };

async function unitsPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const units = await org.listUnits(req.ctx);
  const meta = pageMeta(req, reply, '单位管理');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <table class="gk-table">
        <caption class="visually-hidden">单位列表</caption>
        <thead><tr><th scope="col">单位代码</th><th scope="col">单位名称</th><th scope="col">类型</th>{canManageOrg(req.ctx.actor) ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>{units.map((u) => (
          <tr><td>{u.code}</td><td>{u.name}</td><td>{u.kind}</td>{canManageOrg(req.ctx.actor) ? <td>{u.kind === '区' || u.kind === '市' ? '—' : <a href={`/console/units/${u.id}`}>编辑<span class="visually-hidden">{u.name}</span></a>}</td> : null}</tr>
        ))}</tbody>
      </table>
      {canManageOrg(req.ctx.actor) ? <>
        <h2>新增单位</h2>
        <ErrorSummary errors={form.errors} labels={UNIT_LABELS} />
        <Form action="/console/units" csrf={meta.csrf!} submit="新增单位">
          <TextField name="name" label="单位名称" form={form} required maxlength={60} />
          <TextField name="code" label="单位代码" form={form} required hint="用于生成索引号，如 370305099" maxlength={30} />
          <SelectField name="kind" label="单位类型" form={form} required options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

async function unitEditPage(req: FastifyRequest, reply: FastifyReply, id: number, form: FormState | null, status = 200) {
  const unit = await org.getUnit(req.ctx, id);
  const f = form ?? emptyForm({ name: unit.name, code: unit.code, kind: unit.kind });
  const meta = pageMeta(req, reply, `编辑单位：${unit.name}`);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <ErrorSummary errors={f.errors} labels={UNIT_LABELS} />
      <Form action={`/console/units/${id}`} csrf={meta.csrf!} submit="保存">
        <TextField name="name" label="单位名称" form={f} required maxlength={60} />
        <TextField name="code" label="单位代码" form={f} required maxlength={30} />
        <SelectField name="kind" label="单位类型" form={f} required options={UNIT_KINDS.map((k) => ({ value: k, label: k }))} />
      </Form>
      <p><a href="/console/units">返回单位列表</a></p>
    </ConsoleLayout>
  ), status);
}

async function usersPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200, notice?: string) {
  const [users, units] = await Promise.all([org.listUsers(req.ctx), org.listUnits(req.ctx)]);
  const meta = pageMeta(req, reply, '用户管理');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <table class="gk-table">
        <caption class="visually-hidden">用户列表</caption>
        <thead><tr><th scope="col">用户名</th><th scope="col">姓名</th><th scope="col">角色</th><th scope="col">所属单位</th><th scope="col">状态</th>{canManageOrg(req.ctx.actor) ? <th scope="col">操作</th> : null}</tr></thead>
        <tbody>{users.map((u) => (
          <tr><td>{u.username}</td><td>{u.display_name}</td><td>{ROLE_LABELS[u.role]}</td><td>{u.unit_name}</td><td>{u.disabled ? '已停用' : '正常'}</td>
            {canManageOrg(req.ctx.actor) ? <td><a href={`/console/users/${u.id}`}>编辑<span class="visually-hidden">{u.username}</span></a></td> : null}</tr>
        ))}</tbody>
      </table>
      {canManageOrg(req.ctx.actor) ? <>
        <p><a href="/console/org-import">从Excel批量导入单位和用户</a></p>
        <h2>新增用户</h2>
        <ErrorSummary errors={form.errors} labels={USER_LABELS} />
        <Form action="/console/users" csrf={meta.csrf!} submit="新增用户">
          <TextField name="username" label="用户名" form={form} required maxlength={40} hint="字母、数字、下划线、点或连字符" />
          <TextField name="displayName" label="姓名" form={form} required maxlength={40} />
          <SelectField name="role" label="角色" form={form} required options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          <SelectField name="unitId" label="所属单位" form={form} required options={units.map((u) => ({ value: u.id, label: u.name }))} />
          <TextField name="password" label="初始密码" type="password" form={form} hint="留空则自动生成，创建后显示一次" autocomplete="new-password" />
        </Form>
      </> : null}
    </ConsoleLayout>
  ), status);
}

async function userEditPage(req: FastifyRequest, reply: FastifyReply, id: number, form: FormState | null, status = 200, notice?: string) {
  const users = await org.listUsers(req.ctx);
  const user = users.find((u) => u.id === id);
  if (!user) throw new AppError('not_found', 'not_found', '用户不存在');
  const units = await org.listUnits(req.ctx);
  const f = form ?? emptyForm({ displayName: user.display_name, role: user.role, unitId: user.unit_id, disabled: user.disabled === 1 });
  const meta = pageMeta(req, reply, `编辑用户：${user.username}`);
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <ErrorSummary errors={f.errors} labels={USER_LABELS} />
      <Form action={`/console/users/${id}`} csrf={meta.csrf!} submit="保存">
        <TextField name="displayName" label="姓名" form={f} required maxlength={40} />
        <SelectField name="role" label="角色" form={f} required options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <SelectField name="unitId" label="所属单位" form={f} required options={units.map((u) => ({ value: u.id, label: u.name }))} />
        <Checkbox name="disabled" label="停用此账号" checked={Boolean(f.values.disabled)} />
      </Form>
      <h2>重置密码</h2>
      <form method="post" action={`/console/users/${id}/reset-password`} class="js-confirm" data-confirm="确定重置该用户的密码吗？">
        <input type="hidden" name="_csrf" value={meta.csrf!} />
        <button type="submit" class="gk-button gk-button--secondary">重置密码</button>
      </form>
      <p><a href="/console/users">返回用户列表</a></p>
    </ConsoleLayout>
  ), status);
}

const formError = (err: unknown): Record<string, string> | null => (err instanceof AppError && err.kind === 'invalid' ? err.fields : null);

export async function orgRoutes(app: FastifyInstance) {
  await bulkImportRoutes(app);
  app.get('/console/units', (req, reply) => unitsPage(req, reply, emptyForm()));
  app.post('/console/units', async (req, reply) => {
    const body = formBody(req);
    try {
      await org.createUnit(req.ctx, body);
      return reply.redirect('/console/units', 303);
    } catch (err) {
      const fields = formError(err);
      if (fields) return unitsPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });
  app.get('/console/units/:id', async (req, reply) => {
    org.requireAdminPage(req.ctx);
    return unitEditPage(req, reply, intParam((req.params as { id: string }).id), null);
  });
  app.post('/console/units/:id', async (req, reply) => {
    const id = intParam((req.params as { id: string }).id);
    const body = formBody(req);
    try {
      await org.updateUnit(req.ctx, id, body);
      return reply.redirect('/console/units', 303);
    } catch (err) {
      const fields = formError(err);
      if (fields) return unitEditPage(req, reply, id, { values: body, errors: fields }, 400);
      throw err;
    }
  });

  app.get('/console/users', (req, reply) => usersPage(req, reply, emptyForm()));
  app.post('/console/users', async (req, reply) => {
    const body = formBody(req);
    try {
      const { password } = await org.createUser(req.ctx, body);
      const generated = !body.password;
      return usersPage(req, reply, emptyForm(), 201, generated ? `用户 ${body.username} 已创建，初始密码：${password}（只显示这一次，请转交本人并提醒修改）` : `用户 ${body.username} 已创建`);
    } catch (err) {
      const fields = formError(err);
      if (fields) return usersPage(req, reply, { values: { ...body, password: '' }, errors: fields }, 400);
      throw err;
    }
  });
  app.get('/console/users/:id', async (req, reply) => {
    org.requireAdminPage(req.ctx);
    return userEditPage(req, reply, intParam((req.params as { id: string }).id), null);
  });
  app.post('/console/users/:id', async (req, reply) => {
    const id = intParam((req.params as { id: string }).id);
    const body = formBody(req);
    try {
      await org.updateUser(req.ctx, id, body);
      return reply.redirect('/console/users', 303);
    } catch (err) {
      const fields = formError(err);
      if (fields) return userEditPage(req, reply, id, { values: { ...body, disabled: body.disabled === 'on' }, errors: fields }, 400);
      throw err;
    }
  });
  app.post('/console/users/:id/reset-password', async (req, reply) => {
    const id = intParam((req.params as { id: string }).id);
    const password = await org.resetPassword(req.ctx, id);
    return userEditPage(req, reply, id, null, 200, `新密码：${password}（只显示这一次）`);
  });

  // JSON API: same services, same authorisation.
  documentApi({ method: 'GET', url: '/api/v1/units', summary: '单位列表（本区；单位用户只见本单位）', roles: '已登录' });
  app.get('/api/v1/units', async (req) => ({ data: await org.listUnits(req.ctx) }));
  documentApi({ method: 'POST', url: '/api/v1/units', summary: '新增单位', roles: 'admin', body: { name: 'string', code: 'string', kind: UNIT_KINDS.join('|') } });
  app.post('/api/v1/units', async (req, reply) => reply.status(201).send({ data: { id: await org.createUnit(req.ctx, req.body) } }));
  documentApi({ method: 'PUT', url: '/api/v1/units/{id}', summary: '修改单位', roles: 'admin', body: { name: 'string', code: 'string', kind: UNIT_KINDS.join('|') } });
  app.put('/api/v1/units/:id', async (req) => {
    await org.updateUnit(req.ctx, intParam((req.params as { id: string }).id), req.body);
    return { data: { ok: true } };
  });
  documentApi({ method: 'GET', url: '/api/v1/users', summary: '用户列表', roles: 'admin, auditor' });
  app.get('/api/v1/users', async (req) => ({ data: await org.listUsers(req.ctx) }));
  documentApi({ method: 'POST', url: '/api/v1/users', summary: '新增用户（未给密码时返回生成的初始密码）', roles: 'admin', body: { username: 'string', displayName: 'string', role: ROLES.join('|'), unitId: 'integer', password: 'string?' } });
  app.post('/api/v1/users', async (req, reply) => {
    const generated = !(req.body as Record<string, unknown> | null)?.password;
    const r = await org.createUser(req.ctx, req.body);
    return reply.status(201).send({ data: { id: r.id, ...(generated ? { password: r.password } : {}) } });
  });
  documentApi({ method: 'PUT', url: '/api/v1/users/{id}', summary: '修改用户', roles: 'admin', body: { displayName: 'string', role: ROLES.join('|'), unitId: 'integer', disabled: 'boolean' } });
  app.put('/api/v1/users/:id', async (req) => {
    await org.updateUser(req.ctx, intParam((req.params as { id: string }).id), req.body);
    return { data: { ok: true } };
  });
}
