// 申请编号 series, e.g. 临淄依申〔2022〕0001号: one counter per area and year, template configurable.
import type { Db } from '../db/schema.js';

export const NUMBER_TEMPLATE_KEY = 'requests.number_template';
/** `{area}` = the area's name without 区/县/市, `{year}`, `{seq:N}` = the sequence padded to N digits. */
export const DEFAULT_NUMBER_TEMPLATE = '{area}依申〔{year}〕{seq:4}号';

export function areaShortName(name: string): string {
  const s = name.replace(/(人民政府)$/, '');
  return s.length > 2 ? s.replace(/[区县市]$/, '') : s;
}

/** Renders one number; pure. */
export function formatRequestNumber(template: string, v: { area: string; year: number; seq: number }): string {
  return template
    .replaceAll('{area}', v.area)
    .replaceAll('{year}', String(v.year))
    .replace(/\{seq(?::(\d))?\}/g, (_m, w: string | undefined) => String(v.seq).padStart(w ? Number(w) : 1, '0'));
}

export function validTemplate(t: string): boolean {
  return /\{seq(?::\d)?\}/.test(t) && t.length <= 60 && !/[\r\n]/.test(t);
}

export const templateKey = (areaId: number) => `${NUMBER_TEMPLATE_KEY}.${areaId}`;

export async function numberTemplate(db: Db, areaId: number): Promise<string> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', templateKey(areaId)).executeTakeFirst();
  return row?.value ?? DEFAULT_NUMBER_TEMPLATE;
}

/** Takes the next number of the area's series for `year` (inside the caller's transaction). */
export async function nextRequestNumber(tx: Db, areaId: number, areaName: string, year: number): Promise<string> {
  const template = await numberTemplate(tx, areaId);
  await tx.insertInto('info_request_series').values({ area_id: areaId, year, template, last_seq: 0 })
    .onConflict((oc) => oc.columns(['area_id', 'year']).doNothing()).execute();
  const row = await tx.updateTable('info_request_series').set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
    .where('area_id', '=', areaId).where('year', '=', year).returning(['last_seq', 'template']).executeTakeFirstOrThrow();
  return formatRequestNumber(row.template, { area: areaShortName(areaName), year, seq: row.last_seq });
}
