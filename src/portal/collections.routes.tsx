// Console: /console/collections, the admin's 特色主题 (themed collections) shown on the portal.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.js';
import { ConsoleLayout } from '../web/components/layout.js';
import { ErrorSummary, Form, TextArea, TextField, emptyForm, type FormState } from '../web/components/form.js';
import { formBody, intParam, pageMeta, sendHtml } from '../web/http.js';
import { redirectWithFlash, takeFlash } from '../web/flash.js';
import { PickerSearch, pickItems, pickTitle } from '../disclosure/public.js';
import * as svc from './collections.service.js';
import { COLLECTION_LABELS } from './collections.schema.js';

const fieldsOf = (err: unknown) => (err instanceof AppError && err.kind === 'invalid' ? err.fields : null);
const idOf = (req: FastifyRequest, name = 'id') => intParam((req.params as Record<string, string>)[name]);

const CollectionFields = (p: { form: FormState }) => (
  <>
    <TextField name="name" label="专题名称" form={p.form} required maxlength={60} />
    <TextField name="slug" label="专题标识" form={p.form} required maxlength={60} hint="用于网址 /collections/标识，只能包含小写字母、数字和连字符，如 yshj" />
    <TextArea name="description" label="专题简介" form={p.form} rows={3} />
    <TextField name="sort" label="排序" type="number" form={p.form} hint="数字小的排在前面" />
  </>
);

async function listPage(req: FastifyRequest, reply: FastifyReply, form: FormState, status = 200) {
  const rows = await svc.listCollectionsForAdmin(req.ctx);
  const meta = pageMeta(req, reply, '特色主题');
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      <p>特色主题显示在门户首页和 <a href="/collections">/collections</a>。专题中只有已发布且主动公开的信息会对公众显示。</p>
      {rows.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">专题列表</caption>
          <thead><tr><th scope="col">排序</th><th scope="col">专题名称</th><th scope="col">标识</th><th scope="col">信息数</th><th scope="col">操作</th></tr></thead>
          <tbody>{rows.map((c) => (
            <tr><td>{c.sort}</td><td>{c.name}</td><td><a href={`/collections/${c.slug}`}>{c.slug}</a></td><td>{c.items}</td>
              <td><a href={`/console/collections/${c.id}`}>管理<span class="visually-hidden">{c.name}</span></a></td></tr>
          ))}</tbody>
        </table>
      ) : <p>还没有专题。</p>}
      <h2>新建专题</h2>
      <ErrorSummary errors={form.errors} labels={COLLECTION_LABELS} />
      <Form action="/console/collections" csrf={meta.csrf!} submit="新建专题"><CollectionFields form={form} /></Form>
    </ConsoleLayout>
  ), status);
}

async function editPage(req: FastifyRequest, reply: FastifyReply, id: number, forms: { edit?: FormState; add?: FormState; notice?: string } = {}, status = 200) {
  const { collection: c, items } = await svc.getCollectionForAdmin(req.ctx, id);
  const edit = forms.edit ?? emptyForm({ name: c.name, slug: c.slug, description: c.description, sort: c.sort });
  const add = forms.add ?? emptyForm();
  const meta = pageMeta(req, reply, `特色主题：${c.name}`);
  const notice = forms.notice ?? takeFlash(req, reply);
  // The item picker (issue 19): a GET search of public items, one 添加 button each; typing a number still works.
  const pickQ = String((req.query as Record<string, unknown>).pick ?? '').slice(0, 100).trim();
  const actor = req.ctx.actor;
  const picked = pickQ && actor.kind === 'user' ? await pickItems(req.ctx, { purpose: 'collection', q: pickQ, areaId: actor.areaId }) : null;
  return sendHtml(reply, (
    <ConsoleLayout meta={meta}>
      {notice ? <div class="gk-notice" role="status">{notice}</div> : null}
      <p><a href={`/collections/${c.slug}`}>在门户查看本专题</a> · <a href="/console/collections">返回专题列表</a></p>
      <h2>专题中的信息</h2>
      {items.length ? (
        <table class="gk-table">
          <caption class="visually-hidden">专题中的信息</caption>
          <thead><tr><th scope="col">排序</th><th scope="col">标题</th><th scope="col">索引号</th><th scope="col">门户显示</th><th scope="col">操作</th></tr></thead>
          <tbody>{items.map((i) => (
            <tr><td>{i.sort}</td><td><a href={`/console/items/${i.id}`}>{i.title}</a></td><td>{i.index_no}</td><td>{i.public ? '显示' : '不显示（未发布或非主动公开）'}</td>
              <td><form method="post" action={`/console/collections/${c.id}/items/${i.id}/remove`} class="gk-inline">
                <input type="hidden" name="_csrf" value={meta.csrf!} />
                <button type="submit" class="gk-button gk-button--link">移出<span class="visually-hidden">{i.title}</span></button>
              </form></td></tr>
          ))}</tbody>
        </table>
      ) : <p>本专题还没有信息。</p>}
      <h2>添加信息</h2>
      <ErrorSummary errors={add.errors} labels={COLLECTION_LABELS} />
      <PickerSearch name="pick" purpose="collection" action={`/console/collections/${c.id}`} param="pick" label="按标题、文号、索引号或发布机构查找已公开的信息" q={pickQ} rows={picked}
        unavailable={(it) => (items.some((i) => i.id === it.id) ? '已在本专题中' : null)}
        choose={(ch, row) => (
          <form method="post" action={`/console/collections/${c.id}/items`} class="gk-inline">
            <input type="hidden" name="_csrf" value={meta.csrf!} /><input type="hidden" name="ref" value={ch.id} data-pick-id />
            <button type="submit" class="gk-button gk-button--link">添加<span class="visually-hidden">《{pickTitle(ch, row)}》</span></button>
          </form>
        )} />
      <Form action={`/console/collections/${c.id}/items`} csrf={meta.csrf!} submit="添加">
        <TextField name="ref" label="或直接填写信息的索引号或编号" form={add} required maxlength={60} />
        <TextField name="sort" label="排序" type="number" form={add} />
      </Form>
      <h2>修改专题</h2>
      <ErrorSummary errors={edit.errors} labels={COLLECTION_LABELS} />
      <Form action={`/console/collections/${c.id}`} csrf={meta.csrf!} submit="保存"><CollectionFields form={edit} /></Form>
      <h2>删除专题</h2>
      <form method="post" action={`/console/collections/${c.id}/delete`} class="js-confirm" data-confirm="确定删除该专题吗？专题中的信息本身不受影响。">
        <input type="hidden" name="_csrf" value={meta.csrf!} />
        <button type="submit" class="gk-button gk-button--secondary">删除专题</button>
      </form>
    </ConsoleLayout>
  ), status);
}

export async function collectionsConsoleRoutes(app: FastifyInstance): Promise<void> {
  app.get('/console/collections', (req, reply) => listPage(req, reply, emptyForm()));
  app.post('/console/collections', async (req, reply) => {
    const body = formBody(req);
    try {
      const id = await svc.createCollection(req.ctx, body);
      return reply.redirect(`/console/collections/${id}`, 303);
    } catch (err) {
      const fields = fieldsOf(err);
      if (fields) return listPage(req, reply, { values: body, errors: fields }, 400);
      throw err;
    }
  });
  app.get('/console/collections/:id', (req, reply) => editPage(req, reply, idOf(req)));
  app.post('/console/collections/:id', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.updateCollection(req.ctx, idOf(req), body);
      return redirectWithFlash(reply, `/console/collections/${idOf(req)}`, '已保存');
    } catch (err) {
      const fields = fieldsOf(err);
      if (fields) return editPage(req, reply, idOf(req), { edit: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.post('/console/collections/:id/delete', async (req, reply) => {
    await svc.deleteCollection(req.ctx, idOf(req));
    return reply.redirect('/console/collections', 303);
  });
  app.post('/console/collections/:id/items', async (req, reply) => {
    const body = formBody(req);
    try {
      await svc.addCollectionItem(req.ctx, idOf(req), body);
      return redirectWithFlash(reply, `/console/collections/${idOf(req)}`, '已添加');
    } catch (err) {
      const fields = fieldsOf(err);
      if (fields) return editPage(req, reply, idOf(req), { add: { values: body, errors: fields } }, 400);
      throw err;
    }
  });
  app.post('/console/collections/:id/items/:itemId/remove', async (req, reply) => {
    await svc.removeCollectionItem(req.ctx, idOf(req), idOf(req, 'itemId'));
    return reply.redirect(`/console/collections/${idOf(req)}`, 303);
  });
}
