// Read-only views of published documents for other modules (the 政策问答 clause index): metadata and
// validity of public items, their plain texts, and today's validity rule. No writes.
import type { Db } from '../db/schema.js';
import { publicItemWhere } from './public-rule.js';

export type DocState = {
  id: number; area_id: number; unit_id: number; title: string; doc_number: string; index_no: string;
  item_type: string; interp_form: string | null; validity: string | null; valid_until: string | null; policy_item_id: number | null;
  updated_at: string; published_on: string | null; public: boolean;
};

const cols = ['i.id', 'i.area_id', 'i.unit_id', 'i.title', 'i.doc_number', 'i.index_no', 'i.item_type', 'i.interp_form', 'i.validity',
  'i.valid_until', 'i.policy_item_id', 'i.updated_at', 'i.published_on', 'i.status', 'i.attribute'] as const;

const toState = (r: { status: string; attribute: string } & Omit<DocState, 'public'>): DocState => {
  const { status, attribute, ...rest } = r;
  return { ...rest, public: status === 'published' && attribute === 'proactive' && !!r.published_on };
};

/** Public items of the given types (all areas when areaId is omitted). */
export async function publicDocuments(db: Db, types: readonly string[], areaId?: number): Promise<DocState[]> {
  let q = db.selectFrom('info_items as i').select(cols)
    .where(publicItemWhere('i')).where('i.item_type', 'in', types as never[]);
  if (areaId !== undefined) q = q.where('i.area_id', '=', areaId);
  return (await q.orderBy('i.id').execute()).map(toState);
}

/** The current state of the given items, public or not (absent ids are simply missing). */
export async function documentStates(db: Db, ids: readonly number[]): Promise<Map<number, DocState>> {
  const out = new Map<number, DocState>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (!chunk.length) continue;
    const rows = await db.selectFrom('info_items as i').select(cols).where('i.id', 'in', chunk).execute();
    for (const r of rows) out.set(r.id, toState(r));
  }
  return out;
}

/** Plain body texts of the given items. */
export async function documentTexts(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (!chunk.length) continue;
    for (const r of await db.selectFrom('info_items').select(['id', 'body_text']).where('id', 'in', chunk).execute()) out.set(r.id, r.body_text);
  }
  return out;
}

/**
 * In force today: not repealed, expired or amended, and not past 有效期至 (valid through that day).
 * Items without a validity (policies, interpretations) are in force; an interpretation follows its policy.
 */
export function inForceToday(d: Pick<DocState, 'validity' | 'valid_until'>, today: string, policy?: Pick<DocState, 'validity' | 'valid_until' | 'public'> | null): boolean {
  const own = (d.validity === null || d.validity === 'valid') && (!d.valid_until || d.valid_until >= today);
  if (!own) return false;
  if (policy === undefined || policy === null) return true;
  return policy.public && (policy.validity === null || policy.validity === 'valid') && (!policy.valid_until || policy.valid_until >= today);
}
