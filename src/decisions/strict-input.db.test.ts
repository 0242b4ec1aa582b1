// Numbers in the decisions module's input are read strictly (COMMON "Strict numbers", issue 17):
// `[3]`, `"0x10"`, `"1e1"`, `" 7"` and `true` are refused with a field message and nothing is written;
// plain integers and their decimal strings (what forms send) are accepted.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';
import * as p from './participation.service.js';

const LOOSE = [[3], '0x10', '1e1', ' 7', true] as const;
const fieldOf = (field: string) => (e: { kind?: string; fields?: Record<string, string> }) => e.kind === 'invalid' && !!e.fields?.[field];

describe('strict numbers in decisions input', () => {
  let h: Harness;
  let admin: Ctx;
  before(async () => {
    setNowForTests(new Date('2026-12-01T04:00:00Z'));
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  const meeting = { title: '区政府常务会议', meetingOn: '2026-12-20', signupOpensOn: '2026-12-01', signupClosesOn: '2026-12-10', rules: '随机抽取' };
  const openDay = { title: '走进区财政局', unit: '区财政局', heldOn: '2026-12-20', place: '区财政局大厅', signupClosesOn: '2026-12-15' };
  const decision = { year: 2026, name: '老旧小区改造', category: '1', decisionBody: '区人民政府', leadUnit: '区财政局', steps: 'public' };

  test('seats, capacity, year, ids and settings: loose numbers refused with the field named, nothing written', async () => {
    const count = async (t: 'meetings' | 'open_days' | 'decisions') => Number((await h.tdb.db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    for (const loose of LOOSE) {
      await assert.rejects(p.createMeeting(admin, { ...meeting, seats: loose }), fieldOf('seats'), `seats ${JSON.stringify(loose)}`);
      await assert.rejects(p.createMeeting(admin, { ...meeting, seats: 2, decisionId: loose }), fieldOf('decisionId'), `decisionId ${JSON.stringify(loose)}`);
      await assert.rejects(p.createOpenDay(admin, { ...openDay, capacity: loose }), fieldOf('capacity'), `capacity ${JSON.stringify(loose)}`);
      await assert.rejects(cat.createDecision(admin, { ...decision, year: loose === '1e1' ? '2.026e3' : loose }), fieldOf('year'), `year ${JSON.stringify(loose)}`);
      await assert.rejects(svc.saveSettings(admin, { minNormative: 7, minOther: 7, concentrated: loose }), fieldOf('concentrated'), `concentrated ${JSON.stringify(loose)}`);
      await assert.rejects(svc.createConsultation(admin, { title: '征求意见', kind: 'other', unit: '区财政局', opensOn: '2026-12-01', closesOn: '2026-12-20', draftItemId: loose }), fieldOf('draftItemId'), `draftItemId ${JSON.stringify(loose)}`);
    }
    assert.equal(await count('meetings'), 0);
    assert.equal(await count('open_days'), 0);
    assert.equal(await count('decisions'), 0);

    // What forms send (decimal strings) and JSON integers are fine.
    const m = await p.createMeeting(admin, { ...meeting, seats: '2' });
    assert.equal(m.seats, 2);
    assert.equal((await p.createOpenDay(admin, { ...openDay, capacity: 30 })).capacity, 30);
    assert.equal((await cat.createDecision(admin, { ...decision, year: '2026' })).year, 2026);
    await svc.saveSettings(admin, { minNormative: '7', minOther: 7, concentrated: '12' });
    assert.equal(await svc.concentratedMinSize(h.tdb.db), 12);

    // Manual choice: every id must be a plain number.
    const anon = { ...h.ctx, actor: { kind: 'anonymous' as const, areaId: null } };
    const s = await p.signUpForMeeting(anon, m.id, { name: '张三', contact: '13900000000', category: 'public', reason: '住在附近' });
    setNowForTests(new Date('2026-12-11T04:00:00Z'));
    await assert.rejects(p.chooseAttendees(admin, m.id, { ids: `0x${s.id.toString(16)}`, reason: '人工遴选' }), fieldOf('ids.0'));
    await assert.rejects(p.chooseAttendees(admin, m.id, { ids: [[s.id]], reason: '人工遴选' }), fieldOf('ids.0'));
    assert.equal((await p.meetingForStaff(admin, m.id)).m.method, null, 'nothing recorded');
    await p.chooseAttendees(admin, m.id, { ids: String(s.id), reason: '人工遴选' });
    assert.equal((await p.meetingForStaff(admin, m.id)).m.method, 'manual');
  });

  test('the API answers a loose number with the field message (400), not a meeting with 16 seats', async () => {
    const a = await h.login(USERS.admin.username);
    await a.get('/console/decisions');
    const r = await a.request('POST', '/api/v1/meetings', { json: { ...meeting, seats: '0x10' } });
    assert.equal(r.statusCode, 400, r.body);
    assert.ok(r.json().error.fields.seats, r.body);
  });
});
