// Site identity settings (主办单位, 承办单位, 网站标识码, ICP/公网安备, 党政机关网站标识 link, 联系我们),
// stored in the settings table as one JSON value, edited by the admin, with Linzi defaults.
import { z } from 'zod';
import { writeAudit } from '../audit/public.js';
import { requireAdmin } from '../auth/policy.js';
import type { Db } from '../db/schema.js';
import type { Ctx } from '../lib/context.js';
import { optionalText, parseInput, text } from '../lib/validate.js';
import { DEFAULT_IDENTITY, type SiteIdentity } from '../web/site-identity.js';
import { bumpGeneration } from '../search/public.js';
import { publicHost } from './base-url.js';
import { activate, cached, remember } from './identity-cache.js';

export const IDENTITY_KEY = 'site.identity';

export type Contact = { contactAddress: string; contactPostcode: string; contactPhone: string; contactEmail: string; contactHours: string };
export type SiteSettings = SiteIdentity & Contact;

export const DEFAULT_SETTINGS: SiteSettings = {
  ...DEFAULT_IDENTITY,
  contactAddress: '山东省淄博市临淄区人民政府办公室', contactPostcode: '255400', contactPhone: '0533-7182000',
  contactEmail: 'lzzwgk@zb.shandong.cn', contactHours: '工作日 上午 9:00—12:00，下午 13:30—17:00',
};

export const IDENTITY_LABELS: Record<keyof SiteSettings, string> = {
  siteName: '网站名称', siteDomain: '网站域名', siteCode: '政府网站标识码', sponsor: '主办单位', organizer: '承办单位',
  icp: 'ICP备案号', icpUrl: 'ICP备案查询链接', psb: '公网安备号', psbUrl: '公网安备查询链接', conacUrl: '党政机关网站标识链接',
  contactAddress: '通讯地址', contactPostcode: '邮政编码', contactPhone: '联系电话', contactEmail: '电子邮箱', contactHours: '办公时间',
};

const url = (label: string) => text(label, { max: 300 }).refine((s) => /^https?:\/\/\S+$/.test(s), `${label}须以 http:// 或 https:// 开头`);
export const identityInput = z.object({
  siteName: text('网站名称', { max: 60 }),
  siteDomain: text('网站域名', { max: 100 }).refine((s) => /^[a-z0-9.-]+(:\d+)?$/i.test(s), '网站域名格式不正确，如 www.linzi.gov.cn'),
  siteCode: text('政府网站标识码', { max: 10 }).refine((s) => /^[0-9A-Z]{10}$/.test(s), '政府网站标识码为10位数字或大写字母'),
  sponsor: text('主办单位', { max: 60 }),
  organizer: text('承办单位', { max: 60 }),
  icp: text('ICP备案号', { max: 60 }),
  icpUrl: url('ICP备案查询链接'),
  psb: text('公网安备号', { max: 60 }),
  psbUrl: url('公网安备查询链接'),
  conacUrl: url('党政机关网站标识链接'),
  contactAddress: text('通讯地址', { max: 200 }),
  contactPostcode: optionalText('邮政编码', 10),
  contactPhone: text('联系电话', { max: 60 }),
  contactEmail: text('电子邮箱', { max: 100 }).refine((s) => /^[^\s@]+@[^\s@]+$/.test(s), '电子邮箱格式不正确'),
  contactHours: text('办公时间', { max: 200 }),
});

export async function loadSettings(db: Db): Promise<SiteSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', IDENTITY_KEY).executeTakeFirst();
  if (!row) return withHost(DEFAULT_SETTINGS);
  try {
    return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<SiteSettings>) };
  } catch {
    return withHost(DEFAULT_SETTINGS);
  }
}
/** Unsaved defaults take the domain from PUBLIC_BASE_URL when it is set. */
const withHost = (s: SiteSettings): SiteSettings => ({ ...s, siteDomain: publicHost() ?? s.siteDomain });

export async function saveSettings(ctx: Ctx, raw: unknown): Promise<SiteSettings> {
  requireAdmin(ctx.actor);
  const input = parseInput(identityInput, raw);
  const next: SiteSettings = { ...input, contactPostcode: input.contactPostcode ?? '' };
  const before = await loadSettings(ctx.db);
  await ctx.db.transaction().execute(async (tx) => {
    const r = await tx.updateTable('settings').set({ value: JSON.stringify(next) }).where('key', '=', IDENTITY_KEY).executeTakeFirst();
    if (Number(r.numUpdatedRows) === 0) await tx.insertInto('settings').values({ key: IDENTITY_KEY, value: JSON.stringify(next) }).execute();
    await writeAudit(tx, ctx, { action: 'site.identity', entity: 'settings', entityId: IDENTITY_KEY, before, after: next });
    await bumpGeneration(tx); // cached portal pages carry the footer
  });
  remember(ctx.db, next);
  return next;
}

/** Makes the identity of this database the one page shells render (called on each request). */
export async function useIdentityOf(db: Db): Promise<SiteSettings> {
  const hit = cached<SiteSettings>(db);
  if (hit) {
    activate(hit);
    return hit;
  }
  const value = await loadSettings(db);
  remember(db, value);
  return value;
}
