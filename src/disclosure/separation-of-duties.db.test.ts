// Issue 17: separation of duties — the 保密审查 signer of a normative document is not its drafter (a setting, on by default).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHarness, USERS, type Harness } from '../test-support/harness.js';
import type { Ctx } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { securitySettings, setSecuritySettings } from '../auth/security-settings.js';
import { actorCtx, closeHarness, draftAs } from './items.fixtures.js';
import { exemptFromInterpretation, publishItem, submitItem } from './workflow.service.js';

describe('separation of duties for normative documents', () => {
  let h: Harness;
  let admin: Ctx; let rev: Ctx;
  before(async () => {
    h = await createHarness();
    [admin, rev] = await Promise.all([actorCtx(h, USERS.admin.username), actorCtx(h, USERS.reviewer.username)]);
  });
  after(async () => { await closeHarness(h); });

  const normativeDraft = async (by: Ctx) => {
    const id = await draftAs(by, { itemType: 'normative', categoryCode: 'zcwj-gfxwj', title: '临淄区规范性文件（职责分离）' });
    await exemptFromInterpretation(admin, id, { reason: '测试夹具' });
    await submitItem(by, id);
    return id;
  };
  const signoff = { confidentialityChecked: true, attribute: 'proactive' };

  test('the drafter cannot sign off their own normative document; another reviewer can', async () => {
    const id = await normativeDraft(rev);
    await assert.rejects(publishItem(rev, id, signoff), (e: unknown) => e instanceof AppError && e.code === 'separation_of_duties' && e.status === 409);
    const item = await h.tdb.db.selectFrom('info_items').select('status').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(item.status, 'submitted');
    await publishItem(admin, id, signoff);
  });

  test('general documents, and the setting turned off, are not restricted', async () => {
    const general = await draftAs(rev, { title: '一般文件' });
    await submitItem(rev, general);
    await publishItem(rev, general, signoff);
    const saved = securitySettings();
    setSecuritySettings({ ...saved, separationOfDuties: false });
    try {
      const id = await normativeDraft(rev);
      await publishItem(rev, id, signoff);
    } finally {
      setSecuritySettings(saved);
    }
  });
});
