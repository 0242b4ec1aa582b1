// Editable defaults: the Linzi district and the units named in the 2022 plan, plus its towns and streets.
import type { UnitKind } from '../db/schema.js';

export type UnitSeed = { code: string; name: string; kind: UnitKind };

export const CITY: UnitSeed = { code: '370300000', name: '淄博市', kind: '市' };
export const DISTRICT: UnitSeed = { code: '370305000', name: '临淄区', kind: '区' };

const departments = [
  '区政府办公室', '区委编办', '区发改局', '区科技局', '区财政局', '区住建局', '区农业农村局', '区文旅局',
  '区人社局', '临淄生态环境分局', '区退役军人局', '区市场监管局', '区卫健局', '区水利局', '区教体局',
  '临淄医保分局', '区民政局', '区应急局', '区交通运输局', '区司法局', '区行政审批服务局', '区市民投诉中心', '区档案馆',
];
const towns = ['金岭回族镇', '凤凰镇', '敬仲镇', '朱台镇', '皇城镇', '金山镇', '齐都镇'];
const streets = ['辛店街道', '稷下街道', '齐陵街道', '闻韶街道', '雪宫街道'];

const pad = (n: number) => String(n).padStart(3, '0');
export const LINZI_UNITS: UnitSeed[] = [
  ...departments.map((name, i) => ({ code: `370305${pad(i + 1)}`, name, kind: '区直部门' as const })),
  ...towns.map((name, i) => ({ code: `370305${pad(101 + i)}`, name, kind: '镇' as const })),
  ...streets.map((name, i) => ({ code: `370305${pad(201 + i)}`, name, kind: '街道' as const })),
];
