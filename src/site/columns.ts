// Column settings for the self-inspection: each catalog column's type (which update rule applies),
// its owner (责任单位) and expected update frequency; and the inspection's own switches.
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { invalid } from '../lib/errors.js';
import { listUnitsInArea } from '../org/public.js';
import { strictNumberInput } from '../lib/validate.js';

export const COLUMN_TYPES = ['news', 'notice', 'policy', 'other'] as const;
export type ColumnType = typeof COLUMN_TYPES[number];
export const COLUMN_TYPE_LABELS: Record<string, string> = { news: '动态、要闻类（2周）', notice: '通知公告类（6个月）', policy: '政策文件类（6个月）', other: '其他' };
/** Days without a new item after which a column of the type is stale (A03). */
export const COLUMN_TYPE_DAYS: Record<string, number | undefined> = { news: 14, notice: 183, policy: 183 };
/** First-level columns with a rule by default. */
const DEFAULT_TYPES: Record<string, ColumnType> = { zcwj: 'policy' };

export type ColumnConf = { column_type: string; owner_unit_id: number | null; owner_name: string | null; frequency_days: number | null };

export async function columnSettings(db: Db, areaId: number): Promise<{ get: (code: string) => ColumnConf }> {
  const [rows, units] = await Promise.all([db.selectFrom('site_columns').selectAll().where('area_id', '=', areaId).execute(), listUnitsInArea(db, areaId)]);
  const byCode = new Map(rows.map((r) => [r.category_code, r]));
  const names = new Map(units.map((u) => [u.id, u.name]));
  return {
    get: (code) => {
      const r = byCode.get(code);
      if (!r) return { column_type: DEFAULT_TYPES[code] ?? 'other', owner_unit_id: null, owner_name: null, frequency_days: null };
      return { column_type: r.column_type, owner_unit_id: r.owner_unit_id, owner_name: r.owner_unit_id ? names.get(r.owner_unit_id) ?? null : null, frequency_days: r.frequency_days };
    },
  };
}

/** Saves the column table from the console form (fields type_<code>, owner_<code>, freq_<code>). */
export async function saveColumns(ctx: Ctx, areaId: number, codes: string[], body: Record<string, string>): Promise<void> {
  requireAdmin(ctx.actor);
  const units = new Set((await listUnitsInArea(ctx.db, areaId)).map((u) => u.id));
  const errors: Record<string, string> = {};
  const rows = codes.map((code) => {
    const type = body[`type_${code}`] || 'other';
    const owner = body[`owner_${code}`] ? (strictNumberInput(body[`owner_${code}`]) as number) : null;
    const freqRaw = (body[`freq_${code}`] ?? '').trim();
    const freq = freqRaw ? (strictNumberInput(freqRaw) as number) : null;
    if (!(COLUMN_TYPES as readonly string[]).includes(type)) errors[`type_${code}`] = '请选择栏目类型';
    if (owner !== null && !units.has(owner)) errors[`owner_${code}`] = '责任单位不存在';
    if (freq !== null && (!Number.isInteger(freq) || freq < 1 || freq > 3650)) errors[`freq_${code}`] = '更新频率应为1至3650之间的整数（天）';
    return { area_id: areaId, category_code: code, column_type: type, owner_unit_id: owner, frequency_days: freq };
  });
  if (Object.keys(errors).length) throw invalid(errors);
  await ctx.db.transaction().execute(async (tx) => {
    await tx.deleteFrom('site_columns').where('area_id', '=', areaId).execute();
    const meaningful = rows.filter((r) => r.column_type !== (DEFAULT_TYPES[r.category_code] ?? 'other') || r.owner_unit_id !== null || r.frequency_days !== null);
    if (meaningful.length) await tx.insertInto('site_columns').values(meaningful).execute();
    await writeAudit(tx, ctx, { action: 'site.columns', entity: 'settings', entityId: 'site_columns', after: meaningful, areaId });
  });
}

export type CheckSettings = { externalLinks: boolean; timeoutMs: number; concurrency: number; maxRequests: number };
const CHECKS_KEY = 'site.checks';
const DEFAULT_CHECKS: CheckSettings = { externalLinks: false, timeoutMs: 8000, concurrency: 4, maxRequests: 50_000 };

export async function checkSettings(db: Db): Promise<CheckSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CHECKS_KEY).executeTakeFirst();
  try { return { ...DEFAULT_CHECKS, ...(row ? JSON.parse(row.value) as Partial<CheckSettings> : {}) }; } catch { return DEFAULT_CHECKS; }
}

export async function saveCheckSettings(ctx: Ctx, body: Record<string, string>): Promise<void> {
  requireAdmin(ctx.actor);
  const timeout = strictNumberInput(body.timeoutSeconds || 8) as number;
  const conc = strictNumberInput(body.concurrency || 4) as number;
  const errors: Record<string, string> = {};
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > 60) errors.timeoutSeconds = '超时应为1至60秒';
  if (!Number.isInteger(conc) || conc < 1 || conc > 16) errors.concurrency = '并发数应为1至16';
  if (Object.keys(errors).length) throw invalid(errors);
  const next: CheckSettings = { ...(await checkSettings(ctx.db)), externalLinks: body.externalLinks === 'on', timeoutMs: timeout * 1000, concurrency: conc };
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('settings').set({ value: JSON.stringify(next) }).where('key', '=', CHECKS_KEY).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: CHECKS_KEY, value: JSON.stringify(next) }).execute();
    await writeAudit(tx, ctx, { action: 'site.checks', entity: 'settings', entityId: CHECKS_KEY, after: next });
  });
}
