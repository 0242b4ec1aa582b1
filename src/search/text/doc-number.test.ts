import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDocNumberLike, normalizeDocNumber } from './doc-number.js';

test('spellings of one 文号 share a key', () => {
  const key = '临政办字〔2022〕16号';
  for (const s of [
    '临政办字〔2022〕16号', '临政办字[2022]16号', '临政办字［２０２２］１６号', '临政办字(2022)16号',
    '临政办字（2022）16号', '临政办字【2022】16号', '临政办字﹝2022﹞16号', '临政办字〔2022〕第16号',
    '临政办字〔2022〕016号', ' 临政办字 〔 2022 〕 16 号 ', '临政办字〔2022〕16',
  ]) {
    assert.equal(normalizeDocNumber(s), key, s);
  }
});

test('other numbers keep their shape', () => {
  assert.equal(normalizeDocNumber('国务院令第711号'), '国务院令第711号');
  assert.equal(normalizeDocNumber('国办公开办函〔2021〕30号'), '国办公开办函〔2021〕30号');
  assert.equal(normalizeDocNumber('临综执罚决字〔2023〕第0123号'), '临综执罚决字〔2023〕123号');
  assert.notEqual(normalizeDocNumber('临政办字〔2022〕16号'), normalizeDocNumber('临政办字〔2022〕160号'));
  assert.notEqual(normalizeDocNumber('临政办字〔2022〕16号'), normalizeDocNumber('临政办发〔2022〕16号'));
});

test('isDocNumberLike', () => {
  assert.equal(isDocNumberLike('临政办字[2022]16号'), true);
  assert.equal(isDocNumberLike('鲁政办发〔2022〕5号'), true);
  assert.equal(isDocNumberLike('保障性租赁住房'), false);
  assert.equal(isDocNumberLike('2022年16号文件'), false);
});
