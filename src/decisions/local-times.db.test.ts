// Times on decisions pages are shown in Beijing time (Asia/Shanghai), dates too: something stored at 23:30 UTC
// happened on the next calendar day in Beijing (issue 19, defect 1). Both engines.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { actorCtx } from '../disclosure/items.fixtures.js';
import type { Ctx } from '../lib/context.js';
import { setNowForTests } from '../lib/time.js';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import * as cat from './catalog.service.js';
import * as svc from './consultations.service.js';

describe('decisions pages show Beijing time', () => {
  let h: Harness;
  let admin: Ctx;
  before(async () => {
    h = await createHarness();
    admin = await actorCtx(h, USERS.admin.username);
  });
  after(async () => {
    setNowForTests(null);
    await h.close();
  });

  test('a decision listed at 23:30 UTC: the public timeline shows the Beijing date, the console log the Beijing time', async () => {
    setNowForTests(new Date('2026-03-01T23:30:00Z'));
    const d = await cat.createDecision(admin, { year: 2026, name: '夜间列入目录的事项', category: '1', decisionBody: '区人民政府', leadUnit: '区住建局', plannedOn: '2026-12-31', hearing: false, steps: 'public,legality,collective' });
    setNowForTests(new Date('2026-03-05T04:00:00Z'));
    const pub = await h.agent().get(`/decisions/${d.id}`);
    assert.equal(pub.statusCode, 200);
    const timeline = /决策事项时间线[\s\S]*?<\/table>/.exec(pub.body)![0];
    assert.match(timeline, /2026-03-02/);
    assert.doesNotMatch(timeline, /2026-03-01/);
    const staff = await h.login(USERS.admin.username);
    const con = await staff.get(`/console/decisions/${d.id}`);
    assert.equal(con.statusCode, 200);
    assert.match(con.body, /2026-03-02 07:30/);
    assert.doesNotMatch(con.body, /2026-03-01 23:30/);
  });

  test('a comment received at 23:30 UTC is dated the next day on the consultation page', async () => {
    setNowForTests(new Date('2026-03-01T04:00:00Z'));
    const c = await svc.createConsultation(admin, { title: '夜间意见', kind: 'other', unit: '区住建局', opensOn: '2026-03-01', closesOn: '2026-03-31' });
    setNowForTests(new Date('2026-03-01T23:30:00Z'));
    const cm = await svc.submitComment({ ...h.ctx, actor: { kind: 'anonymous', areaId: null } }, c.id, { text: '建议延长公示时间。' });
    setNowForTests(new Date('2026-03-05T04:00:00Z'));
    await svc.moderateComment(admin, cm.id, { action: 'verbatim' });
    const page = await h.agent().get(`/consultations/${c.id}`);
    assert.match(page.body, new RegExp(`意见 ${cm.id} · 2026-03-02`));
  });
});
