import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePlanText } from './plan-text-parser.js';
import {
  findGroup, guessUnitKind, knownGroups, listPlanUnits, looksLikeUnitList, splitResponsibleUnits,
} from './responsible-units.js';

const lead = (name: string, group = false) => ({ name, role: 'lead', group });
const impl = (name: string, group = true) => ({ name, role: 'implementing', group });
const resp = (name: string, group = false) => ({ name, role: 'responsible', group });

test('X牵头，Y落实: X leads, Y implements', () => {
  assert.deepEqual(splitResponsibleUnits('区发改局牵头，有关职能部门落实'), [lead('区发改局'), impl('有关职能部门')]);
  assert.deepEqual(splitResponsibleUnits('区司法局牵头、重大行政决策承办部门单位具体落实相关工作'),
    [lead('区司法局'), impl('重大行政决策承办部门单位')]);
  assert.deepEqual(splitResponsibleUnits('区司法局牵头，行政规范性文件起草部门具体落实'),
    [lead('区司法局'), impl('行政规范性文件起草部门')]);
});

test('牵头 inside a name (…区牵头部门) is not the lead marker', () => {
  assert.deepEqual(splitResponsibleUnits('营商环境评价指标区牵头部门牵头，各职能部门落实'),
    [lead('营商环境评价指标区牵头部门', true), impl('各职能部门')]);
});

test('及 joins a unit and a group, both responsible', () => {
  assert.deepEqual(splitResponsibleUnits('区科技局及相关部门单位'), [resp('区科技局'), resp('相关部门单位', true)]);
});

test('a plain list: every unit responsible, including district branches', () => {
  assert.deepEqual(splitResponsibleUnits('区财政局、区农业农村局、区文旅局、区人社局、临淄生态环境分局'),
    ['区财政局', '区农业农村局', '区文旅局', '区人社局', '临淄生态环境分局'].map((n) => resp(n)));
});

test('各镇、街道 is one group: its 、 is not a separator', () => {
  assert.deepEqual(splitResponsibleUnits('各镇、街道'), [resp('各镇、街道', true)]);
  assert.deepEqual(splitResponsibleUnits('各镇、街道，区政府各 部门单位'), [resp('各镇、街道', true), resp('区政府各部门单位', true)]);
  assert.deepEqual(splitResponsibleUnits('各镇、街道，区行政审 批服务局、区市民投诉 中心'),
    [resp('各镇、街道', true), resp('区行政审批服务局'), resp('区市民投诉中心')]);
  assert.deepEqual(splitResponsibleUnits('区司法局牵头，各镇、 街道，区政府各部门单 位落实'),
    [lead('区司法局'), impl('各镇、街道'), impl('区政府各部门单位')]);
});

test('every group named in the 2022 plan is flagged as a group and has a code', () => {
  const names = ['各镇、街道', '区政府各部门单位', '有关职能部门', '相关部门单位', '各职能部门', '行政规范性文件起草部门',
    '重大行政决策承办部门单位', '营商环境评价指标区牵头部门'];
  for (const name of names) {
    const group = findGroup(name);
    assert.ok(group, name);
    assert.ok(['towns_streets', 'district_departments', 'to_assign'].includes(group.expansion));
    assert.deepEqual(splitResponsibleUnits(name).map((u) => u.group), [true], name);
  }
  assert.equal(findGroup('各镇、街道')?.code, 'towns_streets');
  assert.equal(findGroup('区政府各部门单位')?.code, 'district_departments');
  assert.equal(findGroup('有关职能部门')?.expansion, 'to_assign');
  assert.equal(findGroup('各镇（街道）')?.code, 'towns_streets');
  assert.equal(new Set(knownGroups.map((g) => g.code)).size, knownGroups.length);
});

test('pieces that are not unit names are kept, and the cell is not called a unit list', () => {
  assert.equal(looksLikeUnitList('长期坚持'), false);
  assert.equal(looksLikeUnitList('重大行政决策向社会公开征求意见的，征求意见期限不少于30日'), false);
  assert.equal(looksLikeUnitList('区人社局、临淄医保分局'), true);
  assert.deepEqual(splitResponsibleUnits('区委宣传部（区新闻办）、齐鲁石化'), [resp('区委宣传部（区新闻办）'), resp('齐鲁石化')]);
  assert.deepEqual(splitResponsibleUnits(''), []);
});

test('unit kinds: …分局 counts as 区直部门; towns and streets by their endings', () => {
  assert.equal(guessUnitKind('临淄生态环境分局'), '区直部门');
  assert.equal(guessUnitKind('临淄医保分局'), '区直部门');
  assert.equal(guessUnitKind('区档案馆'), '区直部门');
  assert.equal(guessUnitKind('金岭回族镇'), '镇');
  assert.equal(guessUnitKind('辛店街道'), '街道');
  assert.equal(guessUnitKind('齐鲁石化'), '其他');
});

test('listPlanUnits: the distinct concrete units of the seed plan, groups left out', () => {
  const plan = parsePlanText(readFileSync(new URL('./fixtures/linzi-2022.txt', import.meta.url), 'utf8'));
  const units = listPlanUnits(plan);
  assert.deepEqual(units.map((u) => u.name), [
    '区政府办公室', '区住建局', '区财政局', '区发改局', '区科技局', '区农业农村局', '区文旅局', '区人社局', '临淄生态环境分局',
    '区退役军人局', '区市场监管局', '区卫健局', '区水利局', '区教体局', '临淄医保分局', '区民政局', '区应急局', '区交通运输局',
    '区司法局', '区行政审批服务局', '区市民投诉中心', '区档案馆',
  ]);
  assert.ok(units.every((u) => u.kind === '区直部门'));
  assert.deepEqual(units.find((u) => u.name === '区档案馆')?.taskSeqs, [56]);
  assert.deepEqual(units.find((u) => u.name === '区司法局')?.taskSeqs, [32, 33, 36, 50, 63]);
});
