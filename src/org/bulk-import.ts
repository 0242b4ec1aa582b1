// Bulk import of units and users from .xlsx (issue 19): a workbook with a 单位 sheet (单位名称, 单位代码,
// 单位类型) and a 用户 sheet (用户名, 姓名, 角色, 所属单位). First a dry run that checks every cell and
// writes nothing; then the import, all or nothing in one transaction, audited, with each new user's
// initial password returned once.
import ExcelJS from 'exceljs';
import { writeAudit } from '../audit/public.js';
import { generatePassword, hashPassword } from '../auth/public.js';
import { requireAdmin } from '../auth/policy.js';
import { roleUnitProblem } from './org-policy.js';
import { bumpGeneration } from '../search/public.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { actorArea } from './org.service.js';
import { ROLES, UNIT_KINDS, unitInput, userInput } from './org.schema.js';
import * as repo from './org.repo.js';

export type BulkIssue = { sheet: string; row: number; column: string; message: string };
export type BulkUnit = { row: number; name: string; code: string; kind: (typeof UNIT_KINDS)[number] };
export type BulkUser = { row: number; username: string; displayName: string; role: (typeof ROLES)[number]; unitName: string };
export type BulkPlan = { units: BulkUnit[]; users: BulkUser[]; errors: BulkIssue[] };

const ROLE_BY_LABEL: Record<string, (typeof ROLES)[number]> = {
  政务公开办管理员: 'admin', 管理员: 'admin', 单位联络员: 'unit_operator', 联络员: 'unit_operator', 单位审核人: 'unit_reviewer', 审核人: 'unit_reviewer', 审计员: 'auditor',
  admin: 'admin', unit_operator: 'unit_operator', unit_reviewer: 'unit_reviewer', auditor: 'auditor',
};
const UNIT_COLUMNS = ['单位名称', '单位代码', '单位类型'] as const;
const USER_COLUMNS = ['用户名', '姓名', '角色', '所属单位'] as const;
const MAX_ROWS = 2000;

const cellText = (v: ExcelJS.CellValue): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim();
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim();
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '').trim();
  return String(v).trim();
};

/** Reads the rows of a sheet under its header row (the first row naming every column). */
function readSheet(ws: ExcelJS.Worksheet | undefined, sheet: string, columns: readonly string[], errors: BulkIssue[]): { row: number; cells: Record<string, string> }[] {
  if (!ws) return [];
  let headerRow = 0;
  const index = new Map<string, number>();
  for (let r = 1; r <= Math.min(ws.rowCount, 10) && !headerRow; r++) {
    const values = (ws.getRow(r).values as ExcelJS.CellValue[]).map(cellText);
    if (columns.every((c) => values.includes(c))) {
      headerRow = r;
      for (const c of columns) index.set(c, values.indexOf(c));
    }
  }
  if (!headerRow) {
    errors.push({ sheet, row: 1, column: '', message: `工作表「${sheet}」缺少表头：应有${columns.join('、')}列` });
    return [];
  }
  const out: { row: number; cells: Record<string, string> }[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const cells = Object.fromEntries(columns.map((c) => [c, cellText(row.getCell(index.get(c)!).value)]));
    if (Object.values(cells).every((v) => v === '')) continue;
    if (out.length >= MAX_ROWS) {
      errors.push({ sheet, row: r, column: '', message: `每个工作表最多${MAX_ROWS}行` });
      break;
    }
    out.push({ row: r, cells });
  }
  return out;
}

const zodFields = (err: unknown): Record<string, string> => (err && typeof err === 'object' && 'fields' in err ? (err as { fields: Record<string, string> }).fields : {});

/** The dry run: every cell checked against the schema, the directory and the rest of the file. Writes nothing. */
export async function planBulkImport(ctx: Ctx, buffer: Buffer): Promise<BulkPlan> {
  requireAdmin(ctx.actor);
  const errors: BulkIssue[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(new Uint8Array(buffer).buffer as ArrayBuffer);
  } catch {
    throw invalid({ file: '文件不是有效的 Excel 工作簿（.xlsx）' });
  }
  const unitSheet = wb.getWorksheet('单位');
  const userSheet = wb.getWorksheet('用户');
  if (!unitSheet && !userSheet) throw invalid({ file: '工作簿中应有名为“单位”和/或“用户”的工作表' });
  const areaId = await actorArea(ctx);
  const existing = await ctx.db.selectFrom('units').select(['id', 'name', 'code', 'kind']).where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).execute();
  const allCodes = new Set((await ctx.db.selectFrom('units').select('code').execute()).map((u) => u.code));
  const units: BulkUnit[] = [];
  const names = new Set<string>();
  for (const { row, cells } of readSheet(unitSheet, '单位', UNIT_COLUMNS, errors)) {
    const bad = (column: string, message: string) => errors.push({ sheet: '单位', row, column, message });
    try {
      const input = unitInput.parse({ name: cells['单位名称'], code: cells['单位代码'], kind: cells['单位类型'] });
      if (existing.some((u) => u.name === input.name) || names.has(input.name)) bad('单位名称', `已有同名单位“${input.name}”`);
      else if (allCodes.has(input.code) || units.some((u) => u.code === input.code)) bad('单位代码', `单位代码“${input.code}”已被使用`);
      else {
        names.add(input.name);
        units.push({ row, ...input });
      }
    } catch (err) {
      const issues = (err as { issues?: { path: (string | number)[]; message: string }[] }).issues ?? [];
      const col = { name: '单位名称', code: '单位代码', kind: '单位类型' } as Record<string, string>;
      for (const i of issues) bad(col[String(i.path[0])] ?? '', i.message);
      if (!issues.length) for (const [k, m] of Object.entries(zodFields(err))) bad(col[k] ?? '', m);
    }
  }
  const users: BulkUser[] = [];
  const taken = new Set<string>();
  for (const { row, cells } of readSheet(userSheet, '用户', USER_COLUMNS, errors)) {
    const bad = (column: string, message: string) => errors.push({ sheet: '用户', row, column, message });
    const role = ROLE_BY_LABEL[cells['角色'] ?? ''];
    const unitName = cells['所属单位'] ?? '';
    const known = existing.find((u) => u.name === unitName);
    const fromFile = units.find((u) => u.name === unitName);
    const parsed = userInput.safeParse({ username: cells['用户名'], displayName: cells['姓名'], role: role ?? 'x', unitId: 1 });
    if (!parsed.success) {
      const col = { username: '用户名', displayName: '姓名', role: '角色' } as Record<string, string>;
      for (const i of parsed.error.issues) if (String(i.path[0]) !== 'role') bad(col[String(i.path[0])] ?? '', i.message);
    }
    if (!role) bad('角色', `角色“${cells['角色']}”无效：应为政务公开办管理员、单位联络员、单位审核人或审计员`);
    if (!known && !fromFile) bad('所属单位', `单位目录和本文件中都没有“${unitName}”`);
    const kind = known?.kind ?? fromFile?.kind;
    const problem = role && kind ? roleUnitProblem(role, kind === '区' || kind === '市') : null;
    if (problem) bad('所属单位', problem);
    const username = cells['用户名'] ?? '';
    if (username && (taken.has(username) || (await repo.findUserByUsername(ctx.db, username)))) bad('用户名', `用户名“${username}”已被使用`);
    taken.add(username);
    if (parsed.success && role && (known || fromFile)) users.push({ row, username: parsed.data.username, displayName: parsed.data.displayName, role, unitName });
  }
  return { units, users, errors };
}

/** The import itself: all or nothing. Returns the initial passwords (shown once). */
export async function runBulkImport(ctx: Ctx, buffer: Buffer): Promise<{ units: number; users: { username: string; displayName: string; password: string }[] }> {
  const p = await planBulkImport(ctx, buffer);
  if (p.errors.length) throw invalid({ file: `文件有 ${p.errors.length} 处问题，未导入任何内容` });
  if (!p.units.length && !p.users.length) throw invalid({ file: '文件中没有要导入的单位或用户' });
  const areaId = await actorArea(ctx);
  const passwords = p.users.map(() => generatePassword());
  const hashes = await Promise.all(passwords.map((pw) => hashPassword(pw)));
  const at = nowIso();
  await ctx.db.transaction().execute(async (tx) => {
    const ids = new Map<string, number>();
    for (const u of p.units) {
      const id = await repo.insertUnit(tx, { name: u.name, code: u.code, kind: u.kind, parent_id: areaId, area_id: areaId, sort: 999, created_at: at });
      ids.set(u.name, id);
      await writeAudit(tx, ctx, { action: 'unit.create', entity: 'unit', entityId: id, after: { name: u.name, code: u.code, kind: u.kind, source: '批量导入' }, areaId });
    }
    const units = await tx.selectFrom('units').select(['id', 'name']).where((eb) => eb.or([eb('area_id', '=', areaId), eb('id', '=', areaId)])).execute();
    for (const [i, u] of p.users.entries()) {
      const unitId = ids.get(u.unitName) ?? units.find((x) => x.name === u.unitName)!.id;
      const row = await tx.insertInto('users').values({
        username: u.username, display_name: u.displayName, role: u.role, unit_id: unitId, password_hash: hashes[i]!, failed_logins: 0, locked_until: null, disabled: 0, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      await writeAudit(tx, ctx, { action: 'user.create', entity: 'user', entityId: row.id, after: { username: u.username, displayName: u.displayName, role: u.role, unit: u.unitName, source: '批量导入' }, areaId });
    }
    if (p.units.length) await bumpGeneration(tx);
  });
  return { units: p.units.length, users: p.users.map((u, i) => ({ username: u.username, displayName: u.displayName, password: passwords[i]! })) };
}

/** An empty workbook with both sheets and their headers, to fill in. */
export async function bulkTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const units = wb.addWorksheet('单位');
  units.addRow([...UNIT_COLUMNS]);
  units.addRow(['区大数据局', '370305X01', '区直部门']);
  const users = wb.addWorksheet('用户');
  users.addRow([...USER_COLUMNS]);
  users.addRow(['dsj_lly', '张三', '单位联络员', '区大数据局']);
  for (const ws of [units, users]) ws.columns.forEach((c) => { c.width = 20; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
