// 图解 / 视频 of curated entries on both engines: upload checked by content with a required text
// alternative (nothing written on refusal), public only while the entry is published, changes only while
// it is not, publishing a 图解/视频 entry needs its file, range requests for video, deletion confirmed and audited.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/public.js';
import { createHarness, USERS, type Agent, type Harness } from '../test-support/harness.js';
import { multipartBody } from '../test-support/multipart.js';
import { PNG_1X1, WEBM_HEAD } from '../test-support/media-fixtures.js';
import { insertItem } from '../search/search.fixtures.js';

const BODY = ['第一条 为做好本区托育服务补贴发放工作，制定本办法。', '第二条 在本区备案的托育机构收托三周岁以下婴幼儿的，按每人每月300元给予补贴。', '第三条 申请材料：营业执照、收托名册。'].join('\n');
const DESCRIPTION = '图解分三步：一、机构在区卫健局备案；二、每季度末提交收托名册；三、补贴按每人每月300元拨付到机构账户。';
const TRANSCRIPT = '视频讲解：托育机构备案后，每季度提交收托名册，区卫健局审核后按每人每月300元拨付补贴。';

describe('政策问答：图解与视频', () => {
  let h: Harness;
  let token: string;
  let item: number;
  let admin: Agent;
  before(async () => {
    h = await createHarness();
    token = await createApiToken(h.ctx, USERS.admin.username, 'qa-media');
    item = await insertItem(h.tdb.db, h.tdb.dialect, { area_id: h.areaId, unit_id: await h.unitId('区财政局'), title: '临淄区托育服务补贴办法', body_text: BODY, item_type: 'normative', validity: 'valid', doc_number: '临卫发〔2024〕2号', category_code: 'zcwj-gfxwj' });
    admin = await h.login(USERS.admin.username);
  });
  after(async () => { await h.close(); });

  const api = (method: 'GET' | 'POST', url: string, json?: unknown) => h.agent().request(method, url, { json, headers: { authorization: `Bearer ${token}` } });
  const newEntry = async (form: 'graphic' | 'video', question: string) => {
    const r = await api('POST', '/api/v1/qa/entries', { question, answer: '在本区备案的托育机构按每人每月300元领取补贴。', sources: [{ itemId: item, article: 2 }], status: 'draft', form });
    assert.equal(r.statusCode, 201, r.body);
    return JSON.parse(r.body).id as number;
  };
  const upload = async (a: Agent, entryId: number, fields: Record<string, string>, file?: { filename: string; content: Buffer }) => {
    await a.get(`/console/qa/entries/${entryId}`);
    const { payload, contentType } = multipartBody({ _csrf: a.csrf, ...fields }, file ? { field: 'file', ...file } : undefined);
    return a.request('POST', `/console/qa/entries/${entryId}/media`, { payload, headers: { 'content-type': contentType } });
  };
  const mediaRows = (entryId: number) => h.tdb.db.selectFrom('qa_entry_media').selectAll().where('entry_id', '=', entryId).orderBy('id').execute();
  const storedFiles = () => { const d = join(h.tdb.dataDir, 'uploads', 'qa'); return existsSync(d) ? readdirSync(d) : []; };
  const status = (id: number, to: string) => api('POST', `/api/v1/qa/entries/${id}/status`, { status: to });

  test('refused uploads re-render the entry page with a Chinese message, the input kept, and write nothing', async () => {
    const id = await newEntry('graphic', '托育补贴怎么领（图解）');
    const noText = await upload(admin, id, { kind: 'image', description: '' }, { filename: 'tu.png', content: PNG_1X1 });
    assert.equal(noText.statusCode, 400);
    assert.match(noText.body, /请填写图片的文字说明（至少10个字）/);
    const shortText = await upload(admin, id, { kind: 'video', description: '太短' }, { filename: 'v.webm', content: WEBM_HEAD });
    assert.equal(shortText.statusCode, 400);
    assert.match(shortText.body, /请填写视频的文字稿或内容摘要/);
    assert.match(shortText.body, /<option value="video" selected>/, 'the chosen kind is kept');
    const exe = await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'tu.png', content: Buffer.from([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]) });
    assert.equal(exe.statusCode, 415);
    assert.match(exe.body, /文件内容与扩展名不符/);
    assert.match(exe.body, new RegExp(DESCRIPTION.slice(0, 12)), 'the description is kept');
    const html = await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'tu.svg', content: Buffer.from('<!doctype html><html><script>alert(1)</script></html>') });
    assert.equal(html.statusCode, 415);
    const wrongKind = await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'v.webm', content: WEBM_HEAD });
    assert.equal(wrongKind.statusCode, 415);
    assert.match(wrongKind.body, /图解只能上传 PNG、JPG 或 SVG 图片/);
    const big = await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'big.png', content: Buffer.concat([PNG_1X1, Buffer.alloc(5 * 1024 * 1024)]) });
    assert.equal(big.statusCode, 413);
    assert.match(big.body, /图片不能超过 5 MB/);
    const none = await upload(admin, id, { kind: 'image', description: DESCRIPTION });
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /请选择要上传的文件/);
    assert.equal((await mediaRows(id)).length, 0);
    assert.deepEqual(storedFiles(), []);
    // Another unit's operator cannot touch an entry the district owns; the auditor only reads.
    for (const who of [USERS.otherOperator.username, USERS.auditor.username]) {
      const a = await h.login(who);
      const r = await upload(a, id, { kind: 'image', description: DESCRIPTION }, { filename: 'tu.png', content: PNG_1X1 });
      assert.equal(r.statusCode, 403, who);
    }
    assert.equal((await mediaRows(id)).length, 0);
  });

  test('an image entry: needs its image to publish; the image and its 文字说明 are public only while published', async () => {
    const id = await newEntry('graphic', '托育补贴申领流程图');
    const refused = await status(id, 'published');
    assert.equal(refused.statusCode, 422, refused.body);
    assert.equal(JSON.parse(refused.body).error.code, 'qa_media_required');
    const svg = '<svg viewBox="0 0 200 40"><script>alert(1)</script><rect width="200" height="40" fill="#eee" onclick="x()"/><text x="10" y="25">备案→名册→拨付</text></svg>';
    assert.equal((await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'liucheng.svg', content: Buffer.from(svg) })).statusCode, 303);
    assert.equal((await upload(admin, id, { kind: 'image', description: `${DESCRIPTION}（第二张）` }, { filename: 'tu.png', content: PNG_1X1 })).statusCode, 303);
    const [svgRow, pngRow] = await mediaRows(id);
    assert.ok(svgRow && pngRow);
    assert.equal(storedFiles().length, 2);

    const viaApi = JSON.parse((await api('GET', `/api/v1/qa/entries/${id}`)).body).data;
    assert.deepEqual(viaApi.media.map((m: { kind: string; format: string; href: string }) => [m.kind, m.format, m.href]), [['image', 'svg', `/qa/media/${svgRow.id}`], ['image', 'png', `/qa/media/${pngRow.id}`]]);
    assert.ok(!JSON.stringify(viaApi).includes(svgRow.storage_key), 'storage keys stay inside');
    // A draft's files: not for anonymous callers (404, as if they did not exist); staff preview them.
    assert.equal((await h.agent().get(`/qa/media/${pngRow.id}`)).statusCode, 404);
    assert.equal((await h.agent().get(`/qa/${id}`)).statusCode, 404);
    const preview = await admin.get(`/console/qa/entries/${id}/media/${pngRow.id}`);
    assert.equal(preview.statusCode, 200);
    assert.equal(preview.headers['content-type'], 'image/png');
    assert.equal((await (await h.login(USERS.otherOperator.username)).get(`/console/qa/entries/${id}/media/${pngRow.id}`)).statusCode, 200, 'staff of the area read every entry');

    assert.equal((await status(id, 'published')).statusCode, 200);
    const page = await h.agent().get(`/qa/${id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, new RegExp(`<img src="/qa/media/${pngRow.id}" alt="图解2：托育补贴申领流程图（文字说明见图下）"`));
    assert.match(page.body, new RegExp(`文字说明：</strong><p>${DESCRIPTION}`));
    const asked = await h.agent().get(`/ask?q=${encodeURIComponent('托育补贴申领流程图')}`);
    assert.match(asked.body, new RegExp(`<a href="/qa/${id}">问答详情（含图解）</a>`), 'the answer says the entry has a 图解');
    const png = await h.agent().get(`/qa/media/${pngRow.id}`);
    assert.equal(png.statusCode, 200);
    assert.equal(png.headers['content-type'], 'image/png');
    assert.equal(png.headers['x-content-type-options'], 'nosniff');
    assert.match(String(png.headers['content-security-policy']), /sandbox/);
    assert.deepEqual(png.rawPayload, PNG_1X1);
    assert.equal((await h.agent().get(`/qa/media/${pngRow.id}`, { 'if-none-match': String(png.headers.etag) })).statusCode, 304);
    const served = await h.agent().get(`/qa/media/${svgRow.id}`);
    assert.equal(served.headers['content-type'], 'image/svg+xml');
    assert.doesNotMatch(served.body, /script|alert|onclick/);
    assert.match(served.body, /备案→名册→拨付/);

    // While published the files do not change; withdrawn, they leave the public side at once.
    assert.equal((await upload(admin, id, { kind: 'image', description: DESCRIPTION }, { filename: 'tu.png', content: PNG_1X1 })).statusCode, 409);
    await admin.get(`/console/qa/entries/${id}`);
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}/media/${pngRow.id}/delete`, { form: { confirm: '1' } })).statusCode, 409);
    assert.equal((await status(id, 'draft')).statusCode, 200);
    assert.equal((await h.agent().get(`/qa/media/${pngRow.id}`)).statusCode, 404);
    assert.equal((await h.agent().get(`/qa/media/${svgRow.id}`)).statusCode, 404);
  });

  test('a video entry: transcript shown with the player; byte ranges; deletion asks first, is audited and removes the file', async () => {
    const id = await newEntry('video', '托育补贴视频讲解');
    const video = Buffer.concat([WEBM_HEAD, Buffer.alloc(1000, 7)]);
    assert.equal((await upload(admin, id, { kind: 'video', description: TRANSCRIPT }, { filename: 'jiangjie.webm', content: video })).statusCode, 303);
    const [row] = await mediaRows(id);
    assert.ok(row);
    assert.equal(row.kind, 'video');
    assert.equal(row.format, 'webm');
    assert.equal((await status(id, 'published')).statusCode, 200);
    const page = await h.agent().get(`/qa/${id}`);
    assert.match(page.body, new RegExp(`<video controls preload="metadata" src="/qa/media/${row.id}" aria-label="视频：托育补贴视频讲解" aria-describedby="media-${row.id}-text">`));
    assert.match(page.body, new RegExp(`<figcaption id="media-${row.id}-text"><strong>视频文字稿：</strong><p>${TRANSCRIPT}`));
    const part = await h.agent().get(`/qa/media/${row.id}`, { range: 'bytes=10-19' });
    assert.equal(part.statusCode, 206);
    assert.equal(part.headers['content-range'], `bytes 10-19/${video.length}`);
    assert.deepEqual(part.rawPayload, video.subarray(10, 20));
    assert.equal((await h.agent().get(`/qa/media/${row.id}`, { range: 'bytes=-5' })).rawPayload.length, 5);
    assert.equal((await h.agent().get(`/qa/media/${row.id}`, { range: `bytes=${video.length + 5}-` })).statusCode, 416);

    assert.equal((await status(id, 'draft')).statusCode, 200);
    const confirm = await admin.get(`/console/qa/entries/${id}/media/${row.id}/delete`);
    assert.match(confirm.body, /确定删除视频“<strong>jiangjie.webm<\/strong>”/);
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}/media/${row.id}/delete`, { form: {} })).statusCode, 303, 'unconfirmed: back to the question');
    assert.equal((await mediaRows(id)).length, 1);
    assert.equal((await admin.request('POST', `/console/qa/entries/${id}/media/${row.id}/delete`, { form: { confirm: '1' } })).statusCode, 303);
    assert.equal((await mediaRows(id)).length, 0);
    assert.ok(!storedFiles().includes(row.storage_key), 'the file is removed');
    const audit = await h.tdb.db.selectFrom('audit_log').select(['action', 'before_json']).where('entity', '=', 'qa_entry').where('entity_id', '=', String(id)).where('action', 'like', 'qa.entry.media.%').orderBy('id').execute();
    assert.deepEqual(audit.map((a) => a.action), ['qa.entry.media.add', 'qa.entry.media.remove']);
    assert.match(audit[1]!.before_json ?? '', /jiangjie\.webm/);
    // With its only video gone the entry cannot be published again.
    assert.equal(JSON.parse((await status(id, 'published')).body).error.code, 'qa_media_required');
  });
});
