// Repeats and duplicates (条例第三十六条第（六）项, 第四十四条): earlier requests similar to this one,
// by jieba terms of the description and a Jaccard similarity. The same applicant's similar request is a
// not_processed_repeat candidate (with the earlier reply linked); when N different applicants asked
// for the same releasable information, the office is told to consider publishing it proactively.
import type { Db } from '../db/schema.js';
import { textTerms } from '../search/public.js';

/** Words every request contains: they say nothing about which information is sought. */
const GENERIC = new Set(['申请', '公开', '信息', '政府', '政府信息', '获取', '提供', '相关', '有关', '要求', '请求', '本人', '我', '贵', '单位', '机关', '文件', '资料', '情况']);
export const SIMILAR_THRESHOLD = 0.5;
export const PROACTIVE_AFTER_KEY = 'requests.proactive_after';
export const DEFAULT_PROACTIVE_AFTER = 3;

export function termSet(text: string): Set<string> {
  return new Set(textTerms(text).filter((t) => !GENERIC.has(t)));
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let both = 0;
  for (const t of a) if (b.has(t)) both++;
  return both / (a.size + b.size - both);
}

type Row = { id: number; applicant_name: string; applicant_id_number: string | null; applicant_phone: string | null };
export const sameApplicant = (a: Row, b: Row) =>
  a.applicant_id_number ? a.applicant_id_number === b.applicant_id_number : !b.applicant_id_number && a.applicant_name === b.applicant_name && a.applicant_phone === b.applicant_phone;

export type Similar = { id: number; number: string | null; similarity: number; sameApplicant: boolean; decision: string | null; decidedOn: string | null };

/** Earlier requests to the same body (last 3 years, newest 1,000) whose description is similar. */
export async function similarRequests(db: Db, requestId: number): Promise<{ similar: Similar[]; otherApplicants: number; proactiveAfter: number }> {
  const me = await db.selectFrom('info_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow();
  const since = `${Number(me.submitted_on.slice(0, 4)) - 3}${me.submitted_on.slice(4)}`;
  const rows = await db.selectFrom('info_requests')
    .select(['id', 'number', 'description', 'applicant_name', 'applicant_id_number', 'applicant_phone', 'decision', 'decided_on'])
    .where('unit_id', '=', me.unit_id).where('id', '<>', me.id).where('submitted_on', '>=', since).where('submitted_on', '<=', me.submitted_on)
    .orderBy('id', 'desc').limit(1000).execute();
  const mine = termSet(me.description);
  const similar = rows.map((r) => ({ r, s: jaccard(mine, termSet(r.description)) })).filter((x) => x.s >= SIMILAR_THRESHOLD)
    .sort((a, b) => b.s - a.s || b.r.id - a.r.id)
    .map(({ r, s }) => ({ id: r.id, number: r.number, similarity: Math.round(s * 100) / 100, sameApplicant: sameApplicant(me, r), decision: r.decision, decidedOn: r.decided_on }));
  const setting = await db.selectFrom('settings').select('value').where('key', '=', PROACTIVE_AFTER_KEY).executeTakeFirst();
  const proactiveAfter = setting && /^\d+$/.test(setting.value) ? Number(setting.value) : DEFAULT_PROACTIVE_AFTER;
  const others = new Set<string>();
  for (const s of similar) {
    if (s.sameApplicant || !(s.decision === 'disclosed' || s.decision === 'partial')) continue;
    const r = rows.find((x) => x.id === s.id)!;
    others.add(r.applicant_id_number ?? `${r.applicant_name}|${r.applicant_phone ?? ''}`);
  }
  return { similar: similar.slice(0, 20), otherApplicants: others.size, proactiveAfter };
}

/**
 * Art. 44: the whole group of a request — every request to the same body submitted within 3 years before or after it
 * (newest 2,000) whose description is similar, of any applicant and in any state. A draft created from the request
 * links them all: the ones that made the count, the same applicant's repeats, requests still open and later ones
 * received before the draft existed (later ones after it join through linkToGroupDraft).
 */
export async function similarGroupIds(db: Db, requestId: number): Promise<number[]> {
  const me = await db.selectFrom('info_requests').select(['id', 'unit_id', 'submitted_on', 'description']).where('id', '=', requestId).executeTakeFirstOrThrow();
  const year = Number(me.submitted_on.slice(0, 4));
  const rows = await db.selectFrom('info_requests').select(['id', 'description'])
    .where('unit_id', '=', me.unit_id).where('id', '<>', me.id)
    .where('submitted_on', '>=', `${year - 3}${me.submitted_on.slice(4)}`).where('submitted_on', '<=', `${year + 3}${me.submitted_on.slice(4)}`)
    .orderBy('id', 'desc').limit(2000).execute();
  const mine = termSet(me.description);
  return rows.filter((r) => jaccard(mine, termSet(r.description)) >= SIMILAR_THRESHOLD).map((r) => r.id);
}
