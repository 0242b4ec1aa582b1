import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Actor } from '../lib/context.js';
import { systemActor } from '../lib/context.js';
import { AppError } from '../lib/errors.js';
import { parseInput } from '../lib/validate.js';
import { replyDaysInput } from './consult.service.js';
import { entryInput } from './entries.service.js';
import { feedbackInput } from './feedback.service.js';
import {
  canAssignMessages, canEditLexicon, canHandleMessage, canReplyMessage, canWriteEntry, hasQaInbox, ownUnitFilter,
  requireEntryWriter, requireLexiconEditor, requireMessageReplier, requireReadableEntry, requireReadableMessage,
} from './qa-policy.js';

const user = (role: 'admin' | 'unit_operator' | 'unit_reviewer' | 'auditor', unitId = 5, areaId = 1): Actor =>
  ({ kind: 'user', userId: 9, username: 'u', displayName: 'u', role, unitId, areaId } as unknown as Actor);
const anon = { kind: 'anonymous' } as Actor;
const sys = systemActor('测试');
const kindOf = (fn: () => unknown) => {
  try { fn(); return 'ok'; } catch (e) { return e instanceof AppError ? e.kind : 'other'; }
};

describe('qa policy: entries', () => {
  test('who may write and publish an entry of unit 5', () => {
    assert.equal(canWriteEntry(user('admin', 1), 5, true), true);
    assert.equal(canWriteEntry(user('unit_reviewer', 5), 5, true), true);
    assert.equal(canWriteEntry(user('unit_operator', 5), 5, false), true);
    assert.equal(canWriteEntry(user('unit_operator', 5), 5, true), false, 'an operator drafts, a reviewer publishes');
    assert.equal(canWriteEntry(user('unit_reviewer', 6), 5, false), false, 'another unit');
    assert.equal(canWriteEntry(user('auditor', 1), 5, false), false);
    assert.equal(canWriteEntry(sys, 5, true), true);
    assert.equal(canWriteEntry(anon, 5, false), false);
  });
  test('readable: same area only (404 otherwise), anonymous asked to log in', () => {
    const e = { area_id: 1, owner_unit_id: 5 };
    assert.equal(kindOf(() => requireReadableEntry(user('unit_operator', 6), e)), 'ok');
    assert.equal(kindOf(() => requireReadableEntry(user('admin', 1, 2), e)), 'not_found');
    assert.equal(kindOf(() => requireReadableEntry(user('admin'), undefined)), 'not_found');
    assert.equal(kindOf(() => requireReadableEntry(anon, e)), 'unauthorized');
    assert.equal(kindOf(() => requireEntryWriter(user('auditor'), 5, false)), 'forbidden');
  });
  test('unit roles see their own unit, admin and auditor the whole area', () => {
    assert.equal(ownUnitFilter(user('unit_operator', 7)), 7);
    assert.equal(ownUnitFilter(user('unit_reviewer', 7)), 7);
    assert.equal(ownUnitFilter(user('admin', 7)), null);
    assert.equal(ownUnitFilter(user('auditor', 7)), null);
    assert.equal(ownUnitFilter(sys), null);
    assert.equal(hasQaInbox(user('auditor')), false);
    assert.equal(hasQaInbox(user('unit_operator')), true);
    assert.equal(hasQaInbox(sys), false);
  });
  test('lexicon: admin and system only', () => {
    assert.equal(canEditLexicon(user('admin')), true);
    assert.equal(canEditLexicon(sys), true);
    assert.equal(canEditLexicon(user('unit_reviewer')), false);
    assert.equal(kindOf(() => requireLexiconEditor(user('auditor'))), 'forbidden');
    assert.equal(kindOf(() => requireLexiconEditor(anon)), 'unauthorized');
  });
});

describe('qa policy: messages', () => {
  const m = { area_id: 1, assigned_unit_id: 5 };
  test('handling and replying', () => {
    assert.equal(canHandleMessage(user('unit_operator', 5), m), true);
    assert.equal(canHandleMessage(user('unit_operator', 6), m), false);
    assert.equal(canHandleMessage(user('auditor'), m), true);
    assert.equal(canHandleMessage(user('admin', 1, 2), m), false, 'another area');
    assert.equal(canReplyMessage(user('auditor'), m), false);
    assert.equal(canReplyMessage(user('unit_reviewer', 5), m), true);
    assert.equal(canReplyMessage(user('unit_reviewer', 6), m), false);
    assert.equal(canReplyMessage(user('admin'), m), true);
    assert.equal(canAssignMessages(user('admin')), true);
    assert.equal(canAssignMessages(user('unit_reviewer')), false);
    assert.equal(kindOf(() => requireReadableMessage(user('unit_operator', 6), m)), 'not_found');
    assert.equal(kindOf(() => requireMessageReplier(user('auditor'), m)), 'forbidden');
  });
});

describe('strict numbers in qa input', () => {
  const fieldsOf = (fn: () => unknown): Record<string, string> => {
    try { fn(); return {}; } catch (e) { return e instanceof AppError ? e.fields : { _: 'other' }; }
  };
  const entry = (article: unknown) => ({ question: '问题', answer: '答复', sources: [{ itemId: 1, article }] });
  test('a source article is a plain integer: "0x10", [7], "1e1", true and "" are refused', () => {
    for (const bad of ['0x10', [7], '1e1', true, '', ' 7', '7.0', 0, -1]) {
      assert.equal(fieldsOf(() => parseInput(entryInput, entry(bad)))['sources.0.article'], '条款号无效', JSON.stringify(bad));
    }
    assert.equal(parseInput(entryInput, entry('7')).sources[0]!.article, 7);
    assert.equal(parseInput(entryInput, entry(7)).sources[0]!.article, 7);
  });
  test('feedback ids: "0x10" and [3] refused, blank means none', () => {
    for (const bad of ['0x10', [3], '3abc', '1e2']) {
      assert.ok(fieldsOf(() => parseInput(feedbackInput, { q: '问题', verdict: 'useful', entryId: bad })).entryId, JSON.stringify(bad));
    }
    assert.equal(parseInput(feedbackInput, { q: '问题', verdict: 'useful', entryId: '' }).entryId, undefined);
    assert.equal(parseInput(feedbackInput, { q: '问题', verdict: 'useful', article: '12' }).article, 12);
  });
  test('reply days: "0x10" and ["5"] refused with a Chinese message', () => {
    for (const bad of ['0x10', ['5'], '5天', '']) {
      assert.match(fieldsOf(() => parseInput(replyDaysInput, { days: bad })).days ?? '', /工作日数/, JSON.stringify(bad));
    }
    assert.equal(parseInput(replyDaysInput, { days: ' 10 ' }).days, 10);
    assert.match(fieldsOf(() => parseInput(replyDaysInput, { days: '61' })).days ?? '', /60/);
  });
});
