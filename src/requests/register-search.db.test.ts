// The register filter q is index-backed (SQLite FTS5 trigram, PostgreSQL pg_trgm) and returns exactly the rows of a
// plain LIKE over the 申请编号 and the description (literal %, _ and \, case-insensitive for Latin letters); terms
// shorter than 3 characters match the number only; applicant data is never searchable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrateTo, migrateToLatest } from '../app/migrations.js';
import { createTestDb } from '../db/test-db.js';
import type { Db } from '../db/schema.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import { listRequests, PAGE_SIZE } from './console.service.js';
import { likeContains, REGISTER_TEXT_MIN, registerTextFilter } from './requests.repo.js';
import { confirmRequest, createRequest } from './requests.service.js';

const ROWS: { number: string | null; description: string }[] = [
  { number: '临淄依申〔2023〕0123号', description: '申请公开2023年度土地征收补偿方案' },
  { number: '临淄依申〔2023〕1012号', description: '关于ABC Company的行政许可决定书' },
  { number: '临淄依申〔2022〕0123号', description: '请提供 100% 完成率的考核文件' },
  { number: '临淄依申〔2024〕0007号', description: '文件编号 file_name_v2 及附件' },
  { number: null, description: '待确认的申请：城市更新项目' },
  { number: 'X〔2023〕abc号', description: 'path\\to\\file 说明' },
  { number: '临淄依申〔2021〕0999号', description: '关于"老旧小区"改造的通知' },
  { number: '临淄依申〔2021〕1000号', description: 'abc 小写与 fileXnameXv2（下划线不是通配符）' },
  { number: '临淄依申〔2020〕0100号', description: '1000 件以上的统计、100 percent' },
];

const QUERIES = [
  '0123', '〔2023〕', '〔2023〕0123', '2023', '土地征收', '土地征收补偿方案', 'abc', 'ABC', 'company', 'Company的',
  '100%', '%', '%%', '_', 'file_name', 'e_n', 'file%name', '\\', 'path\\to', 'to\\f', '"老旧小区"', '"', '老旧小区',
  '12', '1', '〔', '〕0', '临淄依申', '城市更新', '待确认的', '号', '0 件', ' 100 ', 'nothing here', '不存在的内容',
];
/** Applicant data of the requests created through the service: never found by q. */
const APPLICANT = { type: 'natural', name: '欧阳修远', idType: '护照', idNumber: 'E98765432', phone: '13912345678', email: 'ouyang.private@example.com', address: '临淄区幸福路88号' } as const;

/** The plain LIKE the register filter must agree with (lower() on both sides: case-insensitive for Latin letters). */
async function plainLike(db: Db, term: string): Promise<number[]> {
  const p = likeContains(term.toLowerCase());
  const numberOnly = [...term].length < REGISTER_TEXT_MIN;
  const rows = await sql<{ id: number }>`SELECT id FROM info_requests WHERE lower(number) LIKE ${p} ESCAPE '\\'
    ${numberOnly ? sql`` : sql`OR lower(description) LIKE ${p} ESCAPE '\\'`} ORDER BY id DESC`.execute(db);
  return rows.rows.map((r) => Number(r.id));
}

describe('register text filter q', () => {
  let h: Harness;
  let ids: number[] = [];
  before(async () => {
    h = await createHarness();
    const unit = await h.unitId('区财政局');
    const a = await createRequest(h.ctx, { unit, channel: 'in_person', receivedOn: '2022-09-28', applicant: APPLICANT, description: '申请公开某某项目信息' });
    const { id: _id, number: _n, description: _d, ...template } = await h.tdb.db.selectFrom('info_requests').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    for (const r of ROWS) ids.push((await h.tdb.db.insertInto('info_requests').values({ ...template, ...r }).returning('id').executeTakeFirstOrThrow()).id);
    ids = [a.id, ...ids];
  });
  after(async () => { await h.close(); });

  test('every query returns exactly the rows of a plain LIKE on number and description', async () => {
    const all = (await h.tdb.db.selectFrom('info_requests').select(['id', 'number', 'description']).orderBy('id', 'desc').execute()).map((r) => ({ ...r, id: Number(r.id) }));
    for (const q of QUERIES) {
      const term = q.trim();
      const want = await plainLike(h.tdb.db, term);
      const t = term.toLowerCase();
      const js = all.filter((r) => (r.number ?? '').toLowerCase().includes(t) || ([...term].length >= REGISTER_TEXT_MIN && r.description.toLowerCase().includes(t))).map((r) => r.id);
      const got = await listRequests(h.ctx, { q });
      assert.ok(got.rows.length < PAGE_SIZE);
      assert.deepEqual(got.rows.map((r) => r.id), want, `q=${JSON.stringify(q)}`);
      assert.equal(got.total, want.length, `q=${JSON.stringify(q)} total`);
      assert.equal(got.numberOnly, [...term].length < REGISTER_TEXT_MIN, `q=${JSON.stringify(q)} numberOnly`);
      assert.deepEqual(want, js, `q=${JSON.stringify(q)}: SQL LIKE and the JS substring agree`);
    }
    // A few hand-checked expectations, so the reference itself is not vacuous.
    const n = async (q: string) => (await listRequests(h.ctx, { q })).total;
    assert.equal(await n('〔2023〕'), 3);
    assert.equal(await n('0123'), 2);
    assert.equal(await n('100%'), 1, '% typed by the user is a literal character');
    assert.equal(await n('file_name'), 1, '_ typed by the user is a literal character, not a wildcard');
    assert.equal(await n('ABC'), 3, 'case-insensitive for Latin letters');
    assert.equal(await n('"老旧小区"'), 1);
    assert.equal(await n('老旧'), 0, 'two characters: the number only');
  });

  test('applicant data (name, identity, contact, address) is not searchable', async () => {
    for (const q of [APPLICANT.name, APPLICANT.idNumber, APPLICANT.phone, APPLICANT.email, '幸福路88号', '欧阳']) {
      assert.equal((await listRequests(h.ctx, { q })).total, 0, q);
    }
    const office = await h.login(USERS.admin.username);
    const page = await office.get(`/console/requests?q=${encodeURIComponent(APPLICANT.name)}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /共 0 件/);
    const short = await office.get(`/console/requests?q=${encodeURIComponent('老旧')}`);
    assert.match(short.body, /检索词不足3个字，只在申请编号中检索/);
  });

  test('the index follows inserts, number assignment, description changes and deletes', async () => {
    const unit = await h.unitId('区财政局');
    const online = await createRequest(h.ctx, { unit, channel: 'online', submittedOn: '2022-10-09', applicant: { type: 'natural', name: '网上' }, description: '网上提交的海绵城市建设资料申请' });
    assert.deepEqual((await listRequests(h.ctx, { q: '海绵城市' })).rows.map((r) => r.id), [online.id]);
    const { number } = await confirmRequest(h.ctx, online.id, { on: '2022-10-10' });
    const tail = number.slice(-7);
    assert.ok((await listRequests(h.ctx, { q: tail })).rows.some((r) => r.id === online.id), `found by ${tail}`);
    const target = ids[1]!;
    await h.tdb.db.updateTable('info_requests').set({ description: '改写后的描述：垃圾分类' }).where('id', '=', target).execute();
    assert.deepEqual((await listRequests(h.ctx, { q: '垃圾分类' })).rows.map((r) => r.id), [target]);
    assert.ok(!(await listRequests(h.ctx, { q: '土地征收' })).rows.some((r) => r.id === target));
    const gone = ids.at(-1)!;
    await h.tdb.db.deleteFrom('info_requests').where('id', '=', gone).execute();
    assert.equal((await listRequests(h.ctx, { q: 'percent' })).total, 0);
  });

  test('on SQLite the filter reads the trigram index', { skip: process.env.GONGKAI_TEST_DB === 'postgres' }, async () => {
    const q = h.tdb.db.selectFrom('info_requests').select('id').where(registerTextFilter('sqlite', '土地征收')).compile();
    const plan = await h.tdb.sqlite!.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...(q.parameters as unknown[]));
    assert.match(JSON.stringify(plan), /info_requests_fts VIRTUAL TABLE INDEX/);
  });
});

test('the migration backfills requests that existed before it', async () => {
  const t = await createTestDb({ migrate: false });
  try {
    await migrateTo(t.db, t.dialect, '20261201_2101_requests_consultation_series');
    const at = '2022-01-01T00:00:00.000Z';
    const { id: area } = await t.db.insertInto('units').values({ code: 'A', name: '临淄区', kind: '区', parent_id: null, area_id: null, sort: 0, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const base = {
      area_id: area, unit_id: area, handling_unit_id: null, channel: 'in_person', state: 'running', applicant_type: 'natural', applicant_name: '旧申请人',
      submitted_on: '2022-01-04', received_on: '2022-01-04', due_on: '2022-02-08', created_by: 't', created_at: at, updated_at: at,
    };
    await t.db.insertInto('info_requests').values([
      { ...base, number: '临淄依申〔2022〕0001号', description: '迁移之前的申请：历史档案' },
      { ...base, number: '临淄依申〔2022〕0002号', description: '另一件旧申请' },
    ]).execute();
    await migrateToLatest(t.db, t.dialect);
    const found = async (term: string) => (await t.db.selectFrom('info_requests').select('number').where(registerTextFilter(t.dialect, term)).orderBy('id').execute()).map((r) => r.number);
    assert.deepEqual(await found('历史档案'), ['临淄依申〔2022〕0001号']);
    assert.deepEqual(await found('〔2022〕'), ['临淄依申〔2022〕0001号', '临淄依申〔2022〕0002号']);
    assert.deepEqual(await found('旧申请人'), []);
  } finally {
    await t.destroy();
  }
});
