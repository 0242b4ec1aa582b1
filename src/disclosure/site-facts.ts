// Facts about items that the site self-inspection (src/site) reads through the disclosure front door.
import type { Db } from '../db/schema.js';
import { publicItemWhere } from './public-rule.js';

/** Published proactive items without a 发布日期 (they count as "not updated" and never show on the portal). */
export const undatedPublishedItems = (db: Db, areaId: number) =>
  db.selectFrom('info_items').select(['id', 'title', 'unit_id']).where('area_id', '=', areaId)
    .where('status', '=', 'published').where('attribute', '=', 'proactive').where('published_on', 'is', null).orderBy('id').execute();

/** Titles and body text of public items, a page at a time by id (the site-wide 用词检查). */
export const publicItemTexts = (db: Db, areaId: number, afterId: number, limit: number) =>
  db.selectFrom('info_items as i').select(['i.id', 'i.title', 'i.body_text']).where('i.area_id', '=', areaId).where(publicItemWhere('i'))
    .where('i.id', '>', afterId).orderBy('i.id').limit(limit).execute();

/** Public normative documents without their 有效性 (B08: every 规范性文件 carries it). */
export const normativeWithoutValidity = (db: Db, areaId: number) =>
  db.selectFrom('info_items as i').select(['i.id', 'i.title']).where('i.area_id', '=', areaId).where(publicItemWhere('i'))
    .where('i.item_type', '=', 'normative').where('i.validity', 'is', null).orderBy('i.id').execute();
