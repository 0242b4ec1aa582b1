// Bulk import of units and users from .xlsx (issue 19): dry run writes nothing and lists every
// problem by sheet, row and column; the import is all or nothing, audited, passwords shown once.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';

async function workbook(units: string[][], users: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const u = wb.addWorksheet('单位');
  u.addRow(['单位名称', '单位代码', '单位类型']);
  for (const r of units) u.addRow(r);
  const p = wb.addWorksheet('用户');
  p.addRow(['用户名', '姓名', '角色', '所属单位']);
  for (const r of users) p.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('bulk import of units and users', () => {
  let h: Harness;
  let admin: Agent;
  const counts = async () => ({
    units: (await h.tdb.db.selectFrom('units').select('id').execute()).length,
    users: (await h.tdb.db.selectFrom('users').select('id').execute()).length,
  });
  const upload = async (buf: Buffer) => {
    await admin.get('/console/org-import');
    const { payload, contentType } = multipartBody({ _csrf: admin.csrf }, { field: 'file', filename: '导入.xlsx', content: buf });
    return admin.request('POST', '/console/org-import', { payload, headers: { 'content-type': contentType } });
  };
  before(async () => {
    h = await createHarness();
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  test('a file with problems: every one listed by sheet/row/column, nothing written, even on a forced confirm', async () => {
    const before = await counts();
    const buf = await workbook(
      [['区大数据局', '370305X01', '区直部门'], ['区财政局', '370305X02', '区直部门'], ['区新单位', 'bad code!', '部门']],
      [['dsj_lly', '张三', '单位联络员', '区大数据局'], [USERS.operator.username, '重名', '单位联络员', '区财政局'], ['x', '李四', '科长', '区不存在局'], ['sj_admin', '王五', '政务公开办管理员', '区大数据局']],
    );
    const r = await upload(buf);
    assert.equal(r.statusCode, 400);
    for (const m of [/<td>单位<\/td><td>3<\/td><td>单位名称<\/td><td>已有同名单位“区财政局”/, /<td>单位<\/td><td>4<\/td><td>单位代码<\/td>/, /<td>单位<\/td><td>4<\/td><td>单位类型<\/td>/,
      /<td>用户<\/td><td>3<\/td><td>用户名<\/td><td>用户名“t_operator”已被使用/, /<td>用户<\/td><td>4<\/td><td>角色<\/td>/, /<td>用户<\/td><td>4<\/td><td>所属单位<\/td><td>单位目录和本文件中都没有“区不存在局”/,
      /<td>用户<\/td><td>5<\/td><td>所属单位<\/td><td>管理员和审计员应属于区/]) assert.match(r.body, m);
    assert.doesNotMatch(r.body, /确认导入/);
    const forced = await admin.request('POST', '/console/org-import/confirm', { form: { content: buf.toString('base64') } });
    assert.equal(forced.statusCode, 400);
    assert.deepEqual(await counts(), before);
  });

  test('dry run then import: units and users created in one go, audited, passwords shown once; a reload writes nothing', async () => {
    const before = await counts();
    const buf = await workbook([['区大数据局', '370305X01', '区直部门'], ['凤凰镇便民服务中心', '370305X03', '其他']],
      [['dsj_lly', '张三', '单位联络员', '区大数据局'], ['dsj_shr', '李四', '单位审核人', '区大数据局'], ['cz_lly2', '王五', 'unit_operator', '区财政局']]);
    const dry = await upload(buf);
    assert.equal(dry.statusCode, 200, dry.body.slice(0, 300));
    assert.match(dry.body, /检查通过：将新增 2 个单位、3 个用户/);
    assert.deepEqual(await counts(), before, 'the dry run writes nothing');
    const content = /name="content" value="([^"]+)"/.exec(dry.body)![1]!;
    const done = await admin.request('POST', '/console/org-import/confirm', { form: { content } });
    assert.equal(done.statusCode, 200);
    assert.match(done.body, /已新增 2 个单位、3 个用户/);
    const pw = /<td>dsj_lly<\/td><td>张三<\/td><td><code>([^<]+)<\/code>/.exec(done.body)![1]!;
    assert.deepEqual(await counts(), { units: before.units + 2, users: before.users + 3 });
    const user = await h.tdb.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.role', 'units.name']).where('username', '=', 'dsj_lly').executeTakeFirstOrThrow();
    assert.deepEqual(user, { role: 'unit_operator', name: '区大数据局' });
    const lly = await h.login('dsj_lly', pw);
    assert.equal((await lly.get('/console')).statusCode, 200, 'the shown password works');
    const audits = await h.tdb.db.selectFrom('audit_log').select('action').where('action', 'in', ['unit.create', 'user.create']).execute();
    assert.ok(audits.filter((a) => a.action === 'user.create').length >= 3);
    const again = await admin.request('POST', '/console/org-import/confirm', { form: { content } });
    assert.equal(again.statusCode, 400);
    assert.deepEqual(await counts(), { units: before.units + 2, users: before.users + 3 });
    const op = await h.login(USERS.operator.username);
    assert.equal((await op.get('/console/org-import')).statusCode, 403);
  });
});
