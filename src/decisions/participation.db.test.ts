// 列席 and 开放日 on both engines: sign-up windows, the reproducible draw, manual choice with reasons,
// names only with consent, contacts never public; capacity, waiting list, promotion, attendance and
// suggestions with dispositions.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApiToken } from '../auth/auth.service.js';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as p from './participation.service.js';
import { drawFromSeed } from './pure/draw.js';

const at = (d: string) => setNowForTests(new Date(`${d}T04:00:00Z`));

describe('列席 and 开放日', () => {
  let h: Harness;
  let admin: Ctx;
  let token: string;
  before(async () => {
    at('2026-12-01');
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
    token = await createApiToken(h.ctx, USERS.admin.username, 't');
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('meeting: public sign-up in the window, draw reproducible from the published list and seed, consent, contacts never public', async () => {
    const m = (await h.agent().request('POST', '/api/v1/meetings', { json: { title: '区政府常务会议（列席）', meetingOn: '2026-12-20', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-10', seats: 2, rules: '报名人数超过名额时公开随机抽取。' }, headers: { authorization: `Bearer ${token}` }, withCsrf: false })).json().data;
    const a = h.agent();
    await a.get(`/meetings/${m.id}`);
    const bad = await a.request('POST', `/meetings/${m.id}/signup`, { form: { name: '张三', contact: '', category: 'public', reason: '' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /请填写联系方式/);
    assert.match(bad.body, /value="张三"/);
    const names = ['张三', '李四', '王五', '赵六', '钱七'];
    for (const [i, name] of names.entries()) {
      const r = await a.request('POST', `/meetings/${m.id}/signup`, { form: { name, contact: `1391234000${i}`, category: i % 2 ? 'stakeholder' : 'public', reason: '居住在附近', ...(i < 3 ? { consent: 'on' } : {}) } });
      assert.equal(r.statusCode, 303);
    }
    await assert.rejects(p.drawAttendees(admin, m.id, { seed: 'x' }), { code: 'wrong_status' }, 'not before sign-up closes');
    at('2026-12-11');
    await assert.rejects(p.signUpForMeeting({ ...h.ctx, actor: { kind: 'anonymous', areaId: null } }, m.id, { name: 'x', contact: 'y', category: 'public', reason: 'z' }), { code: 'signup_closed' });
    const selected = await p.drawAttendees(admin, m.id, { seed: '2026-12-11 福利彩票3D 第335期 527' });
    assert.equal(selected.length, 2);
    await assert.rejects(p.drawAttendees(admin, m.id, { seed: 'again' }), { code: 'draw_done' });

    const pub = (await h.agent().get(`/api/v1/public/meetings/${m.id}`)).json().data;
    assert.deepEqual(drawFromSeed(pub.drawList, pub.seed, pub.seats).selected, selected, 'anyone re-running the draw gets the same attendees');
    assert.deepEqual(pub.attendees.map((x: { id: number }) => x.id).sort(), [...selected].sort());
    await p.recordMeetingOpinion(admin, selected[0]!, { opinion: '建议增设老年人专用通道。', disposition: 'adopted' });
    await assert.rejects(p.recordMeetingOpinion(admin, selected[1]!, { opinion: '意见', disposition: 'not_adopted' }), (e: { fields: Record<string, string> }) => !!e.fields.reason);
    const page = await h.agent().get(`/meetings/${m.id}`);
    assert.match(page.body, /随机种子/);
    assert.match(page.body, /建议增设老年人专用通道/);
    assert.doesNotMatch(page.body, /1391234000/, 'contacts never public');
    for (const n of names) assert.doesNotMatch(page.body, new RegExp(n), 'full names never public');
    const unselected = await h.tdb.db.selectFrom('meeting_signups').select('id').where('meeting_id', '=', m.id).where('selected', '=', 0).execute();
    assert.equal(unselected.length, 3);
    at('2026-12-01');
  });

  test('meeting: a manual choice needs reasons and valid numbers within the seats', async () => {
    const m = await p.createMeeting(admin, { title: '听证会列席', meetingOn: '2026-12-05', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-02', seats: 1, rules: '由承办单位根据报名理由选择。' });
    const anon: Ctx = { ...h.ctx, actor: { kind: 'anonymous', areaId: null } };
    const s1 = await p.signUpForMeeting(anon, m.id, { name: '周八', contact: 'zhou@example.com', category: 'expert', reason: '从事城市规划研究', consent: true });
    const s2 = await p.signUpForMeeting(anon, m.id, { name: '吴九', contact: 'wu@example.com', category: 'media', reason: '报道', consent: false });
    await assert.rejects(p.chooseAttendees(admin, m.id, { ids: [s1.id], reason: '' }), (e: { fields: Record<string, string> }) => !!e.fields.reason);
    await assert.rejects(p.chooseAttendees(admin, m.id, { ids: [s1.id, s2.id], reason: '专业相关' }), (e: { fields: Record<string, string> }) => /名额/.test(e.fields.ids ?? ''));
    await p.chooseAttendees(admin, m.id, { ids: String(s1.id), reason: '报名人中唯一的规划专家' });
    const page = await h.agent().get(`/meetings/${m.id}`);
    assert.match(page.body, /人工选择。理由：报名人中唯一的规划专家/);
    assert.match(page.body, /周\*/);
    assert.doesNotMatch(page.body, /zhou@example\.com|吴九/);
  });

  test('open day: capacity, waiting list in order, promotion on cancellation, attendance and suggestions published without names', async () => {
    const d = await p.createOpenDay(admin, { title: '走进区政务服务中心', unit: '区财政局', heldOn: '2026-12-15', place: '区政务服务中心', capacity: 2, signupClosesOn: '2026-12-10' });
    const a = h.agent();
    await a.get(`/open-days/${d.id}`);
    const results: string[] = [];
    for (const name of ['甲', '乙', '丙', '丁']) {
      const r = await a.request('POST', `/open-days/${d.id}/signup`, { form: { name, contact: `${name}@example.com` } });
      assert.equal(r.statusCode, 303);
      results.push(String(r.headers.location).match(/sent=(\w+)/)![1]!);
    }
    assert.deepEqual(results, ['confirmed', 'confirmed', 'waiting', 'waiting']);
    const rows = await h.tdb.db.selectFrom('open_day_signups').select(['id', 'status']).where('open_day_id', '=', d.id).orderBy('id').execute();
    const op = await actorCtx(h, USERS.otherOperator.username);
    await assert.rejects(p.cancelOpenDaySignup(op, rows[0]!.id), { code: 'forbidden' });
    assert.equal(await p.cancelOpenDaySignup(admin, rows[0]!.id), rows[2]!.id, 'the first on the waiting list moves up');
    await assert.rejects(p.recordOpenDayAttendance(admin, rows[3]!.id, { attended: true }), { code: 'wrong_status' });
    await assert.rejects(p.recordOpenDayAttendance(admin, rows[1]!.id, { attended: true, suggestion: '延长周末窗口时间' }), (e: { fields: Record<string, string> }) => !!e.fields.disposition);
    await p.recordOpenDayAttendance(admin, rows[1]!.id, { attended: true, suggestion: '延长周末窗口时间', disposition: 'partly', reason: '周六上午增开窗口' });
    at('2026-12-16');
    const page = await h.agent().get(`/open-days/${d.id}`);
    assert.match(page.body, /延长周末窗口时间/);
    assert.match(page.body, /部分采纳。理由：周六上午增开窗口/);
    assert.match(page.body, /实际到场<\/dt><dd>1人/);
    assert.match(page.body, /报名已于2026-12-10截止/);
    assert.doesNotMatch(page.body, /@example\.com/);
    const api = (await h.agent().get(`/api/v1/public/open-days/${d.id}`)).json().data;
    assert.deepEqual([api.confirmed, api.waiting], [2, 1]);
    at('2026-12-01');
  });

  test('ledger evidence (tasks 32–35): the year’s meetings and open days with links to their public records', async () => {
    const { participationEvidence } = await import('./public.js');
    const e = await participationEvidence(h.tdb.db, h.areaId, 2026);
    assert.equal(e.meetings.held, 2);
    assert.equal(e.meetings.attendees, 3);
    assert.ok(e.meetings.links.every((l) => /^\/meetings\/\d+$/.test(l.href)));
    assert.deepEqual([e.openDays.held, e.openDays.attended, e.openDays.suggestions], [1, 1, 1]);
    assert.deepEqual([e.consultations.closed, e.catalog.items], [0, 0]);
    assert.equal((await participationEvidence(h.tdb.db, h.areaId, 2025)).meetings.held, 0);
  });

  test('console: meeting and open day forms (400 with input kept), draw by form, contacts visible to staff only', async () => {
    const a = await h.login(USERS.admin.username);
    await a.get('/console/decisions');
    const bad = await a.request('POST', '/console/meetings', { form: { title: '表单会议', meetingOn: '2026-12-20', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-25', seats: '2', rules: '抽签' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /会议日期不能早于报名截止日期/);
    assert.match(bad.body, /value="表单会议"/);
    const ok = await a.request('POST', '/console/meetings', { form: { title: '表单会议', meetingOn: '2026-12-20', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-05', seats: '1', rules: '抽签' } });
    assert.equal(ok.statusCode, 303);
    const mid = Number(String(ok.headers.location).split('/').pop());
    const anon: Ctx = { ...h.ctx, actor: { kind: 'anonymous', areaId: null } };
    await p.signUpForMeeting(anon, mid, { name: '孙十', contact: 'sun@example.com', category: 'public', reason: '关心', consent: true });
    await p.signUpForMeeting(anon, mid, { name: '郑十一', contact: 'zheng@example.com', category: 'media', reason: '报道', consent: true });
    const staff = await a.get(`/console/meetings/${mid}`);
    assert.match(staff.body, /sun@example\.com/);
    at('2026-12-06');
    const a2 = await h.login(USERS.admin.username);
    await a2.get(`/console/meetings/${mid}`);
    const drawn = await a2.request('POST', `/console/meetings/${mid}/draw`, { form: { seed: '公开种子 42' } });
    assert.equal(drawn.statusCode, 200);
    assert.match(drawn.body, /已抽取：\d+/);
    const again = await a2.request('POST', `/console/meetings/${mid}/draw`, { form: { seed: 'x' } });
    assert.equal(again.statusCode, 400);
    assert.match(again.body, /已经完成遴选/);
    at('2026-12-01');
    const op = await h.login(USERS.operator.username);
    assert.equal((await op.get(`/console/meetings/${mid}`)).statusCode, 404, 'unit staff do not see meeting sign-ups');
    const od = await a.request('POST', '/console/open-days', { form: { title: '开放日表单', unit: '区财政局', heldOn: '2026-12-20', place: '大厅', capacity: '1', signupClosesOn: '2026-12-10' } });
    assert.equal(od.statusCode, 303);
    const oid = Number(String(od.headers.location).split('/').pop());
    await p.signUpForOpenDay(anon, oid, { name: '冯十二', contact: 'feng@example.com' });
    assert.match((await op.get(`/console/open-days/${oid}`)).body, /feng@example\.com/, 'the organising unit sees its sign-ups');
    const other = await h.login(USERS.otherOperator.username);
    assert.equal((await other.get(`/console/open-days/${oid}`)).statusCode, 404);
  });

  test('open day: simultaneous sign-ups never confirm more people than the capacity (the count and the insert are one locked step)', async () => {
    const d = await p.createOpenDay(admin, { title: '并发报名', unit: '区财政局', heldOn: '2026-12-18', place: '大厅', capacity: 2, signupClosesOn: '2026-12-10' });
    const anon: Ctx = { ...h.ctx, actor: { kind: 'anonymous', areaId: null } };
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => p.signUpForOpenDay(anon, d.id, { name: `并发${i}`, contact: `c${i}@example.com` })));
    assert.equal(results.filter((r) => r.status === 'confirmed').length, 2);
    const rows = await h.tdb.db.selectFrom('open_day_signups').select(['status']).where('open_day_id', '=', d.id).execute();
    assert.deepEqual([rows.filter((r) => r.status === 'confirmed').length, rows.filter((r) => r.status === 'waiting').length], [2, 8]);
  });
});
