// The four standard sub-columns of 政府信息公开 for the district and for every department and 镇/街道:
// 政府信息公开指南 (generated from the office details and from how the platform works, versioned),
// 政府信息公开制度, 法定主动公开内容 (the statutory list over the catalog) and 政府信息公开年报.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import { systemActor, type Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { nowIso, todayCst } from '../lib/time.js';
import { optionalText, parseInput } from '../lib/validate.js';
import { findUnit, listUnitsInArea } from '../org/public.js';
import { categoryStats, countPublic, listPublic, refData, withDescendants } from '../portal/public.js';
import { loadSettings } from './identity.js';
import { RULES_CATEGORY, statutoryFor } from './statutory.js';

export type Body = { id: number; name: string; kind: string; code: string };
export type Office = { officeName: string; address: string; postcode: string; hours: string; phone: string; fax: string; email: string; readingRoom: string };
export const OFFICE_LABELS: Record<keyof Office, string> = {
  officeName: '政府信息公开工作机构', address: '办公地址', postcode: '邮政编码', hours: '办公时间', phone: '联系电话', fax: '传真号码', email: '电子邮箱', readingRoom: '政府信息查阅场所',
};
/** Fields a guide must have (条例第十二条); the self-inspection reports the missing ones. */
export const REQUIRED_OFFICE: (keyof Office)[] = ['officeName', 'address', 'hours', 'phone', 'fax', 'email'];

const officeKey = (unitId: number) => `site.office.${unitId}`;

/** The bodies publishing through this portal: the district government first, then departments, 镇 and 街道. */
export async function bodiesOf(db: Db, areaId: number): Promise<Body[]> {
  const units = await listUnitsInArea(db, areaId);
  return units.filter((u) => u.id === areaId || u.kind === '区直部门' || u.kind === '镇' || u.kind === '街道')
    .sort((a, b) => (a.id === areaId ? -1 : b.id === areaId ? 1 : 0))
    .map((u) => ({ id: u.id, name: u.id === areaId ? `${u.name}人民政府` : u.name, kind: u.kind, code: u.code }));
}

export async function findBody(ctx: Ctx, id: number): Promise<{ body: Body; areaId: number }> {
  const ref = await refData(ctx);
  const bodies = await bodiesOf(ctx.db, ref.area.id);
  const body = bodies.find((b) => b.id === id);
  if (!body) throw notFound('机构');
  return { body, areaId: ref.area.id };
}

export async function loadOffice(db: Db, body: Body, areaId: number): Promise<Office> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', officeKey(body.id)).executeTakeFirst();
  let saved: Partial<Office> = {};
  try { saved = row ? JSON.parse(row.value) as Partial<Office> : {}; } catch { saved = {}; }
  const blank: Office = { officeName: '', address: '', postcode: '', hours: '', phone: '', fax: '', email: '', readingRoom: '' };
  if (body.id === areaId) {
    const s = await loadSettings(db);
    return { ...blank, officeName: `${body.name.replace(/人民政府$/, '')}人民政府办公室（政务公开办）`, address: s.contactAddress, postcode: s.contactPostcode,
      hours: s.contactHours, phone: s.contactPhone, email: s.contactEmail, readingRoom: `${body.name.replace(/人民政府$/, '')}档案馆、图书馆政府信息查阅点`, ...saved };
  }
  return { ...blank, officeName: `${body.name}办公室`, ...saved };
}

const officeInput = z.object(Object.fromEntries((Object.keys(OFFICE_LABELS) as (keyof Office)[]).map((k) => [k, optionalText(OFFICE_LABELS[k], 200)])) as Record<keyof Office, ReturnType<typeof optionalText>>);

export async function saveOffice(ctx: Ctx, unitId: number, raw: unknown): Promise<void> {
  requireAdmin(ctx.actor);
  const { body } = await findBody(ctx, unitId);
  const input = parseInput(officeInput, raw) as Partial<Record<keyof Office, string>>;
  const value: Office = Object.fromEntries((Object.keys(OFFICE_LABELS) as (keyof Office)[]).map((k) => [k, input[k] ?? ''])) as Office;
  await ctx.db.transaction().execute(async (tx) => {
    const json = JSON.stringify(value);
    const r = await tx.updateTable('settings').set({ value: json }).where('key', '=', officeKey(body.id)).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: officeKey(body.id), value: json }).execute();
    await writeAudit(tx, ctx, { action: 'site.office', entity: 'settings', entityId: officeKey(body.id), after: value });
  });
  await currentGuide(ctx, body, (await refData(ctx)).area.id); // the new version carries today's 更新日期
}

/** Who hears 行政复议 against this body (行政复议法 2023 第二十四条: the 县级 government for its departments and 镇/街道). */
const reconsiderationBody = (body: Body, areaName: string, parentName: string) =>
  body.kind === '区' ? `${parentName}人民政府` : `${areaName}人民政府`;

export type GuideContent = {
  body: Body; office: Office; siteName: string; areaName: string;
  catalog: { code: string; name: string; depth: number }[];
  statutory: { no: string; article: number; title: string }[];
  indexFormat: string; reconsideration: string;
};

/** The facts the guide is generated from. A change of any of them makes a new version. */
export async function guideFacts(ctx: Ctx, body: Body, areaId: number): Promise<GuideContent> {
  const ref = await refData(ctx);
  const [office, settings, area] = await Promise.all([loadOffice(ctx.db, body, areaId), loadSettings(ctx.db), findUnit(ctx.db, areaId)]);
  const parent = area?.parent_id ? await findUnit(ctx.db, area.parent_id) : undefined;
  return {
    body, office, siteName: settings.siteName, areaName: ref.area.name,
    catalog: ref.catalog.map((c) => ({ code: c.code, name: c.name, depth: c.depth })),
    statutory: statutoryFor(body.kind).map((s) => ({ no: s.no, article: s.article, title: s.title })),
    indexFormat: `${body.code}-年份-五位顺序号`,
    reconsideration: reconsiderationBody(body, ref.area.name, parent?.name ?? '上一级'),
  };
}

export type GuideVersion = { version: number; updatedOn: string; content: GuideContent; history: { version: number; updatedOn: string }[] };

/** The current guide: regenerated (a new version with today's 更新日期) when its facts have changed. */
export async function currentGuide(ctx: Ctx, body: Body, areaId: number): Promise<GuideVersion> {
  const content = await guideFacts(ctx, body, areaId);
  const json = JSON.stringify(content);
  const hash = createHash('sha256').update(json).digest('hex');
  const latest = () => ctx.db.selectFrom('site_guide_versions').select(['version', 'hash', 'updated_on', 'content_json']).where('unit_id', '=', body.id).orderBy('version', 'desc').executeTakeFirst();
  let last = await latest();
  if (!last || last.hash !== hash) {
    const version = (last?.version ?? 0) + 1;
    try {
      await ctx.db.transaction().execute(async (tx) => {
        await tx.insertInto('site_guide_versions').values({ unit_id: body.id, version, hash, content_json: json, updated_on: todayCst(), created_at: nowIso() }).execute();
        await writeAudit(tx, { ...ctx, actor: systemActor('政府信息公开指南') }, { action: 'site.guide', entity: 'guide', entityId: body.id, after: { version, hash }, areaId });
      });
    } catch {
      // Another request generated the same version at the same moment: read it.
    }
    last = await latest();
  }
  const history = await ctx.db.selectFrom('site_guide_versions').select(['version', 'updated_on']).where('unit_id', '=', body.id).orderBy('version', 'desc').limit(20).execute();
  return { version: last!.version, updatedOn: last!.updated_on, content: JSON.parse(last!.content_json) as GuideContent, history: history.map((h) => ({ version: h.version, updatedOn: h.updated_on })) };
}

export async function rulesColumn(ctx: Ctx, body: Body, areaId: number, page: number) {
  const ref = await refData(ctx);
  const f = { categoryCodes: withDescendants(ref.catalog, RULES_CATEGORY), unitId: body.id };
  const size = 20;
  const [rows, total] = await Promise.all([listPublic(ctx.db, areaId, f, size, (page - 1) * size), countPublic(ctx.db, areaId, f)]);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / size)) };
}

export type StatutoryRow = { no: string; article: number; title: string; columns: { code: string; name: string; n: number; latest: string | null }[]; n: number; latest: string | null };

/** The statutory list with, for each entry, its catalog columns and this body's public items in them. */
export async function statutoryColumn(ctx: Ctx, body: Body, areaId: number): Promise<StatutoryRow[]> {
  const ref = await refData(ctx);
  const stats = await categoryStats(ctx.db, areaId, body.id);
  const known = new Set(ref.catalog.map((c) => c.code));
  return statutoryFor(body.kind).map((s) => {
    const columns = s.codes.filter((c) => known.has(c)).map((code) => {
      const codes = withDescendants(ref.catalog, code);
      const n = codes.reduce((sum, c) => sum + (stats.get(c)?.n ?? 0), 0);
      const latest = codes.map((c) => stats.get(c)?.latest ?? null).filter((x): x is string => !!x).sort().pop() ?? null;
      return { code, name: ref.categoryName(code), n, latest };
    });
    return {
      no: s.no, article: s.article, title: s.title, columns,
      n: columns.reduce((sum, c) => sum + c.n, 0), latest: columns.map((c) => c.latest).filter((x): x is string => !!x).sort().pop() ?? null,
    };
  });
}
