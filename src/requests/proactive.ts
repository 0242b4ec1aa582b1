// 条例第四十四条: when several applicants asked for the same releasable information, the office (or the
// handling unit) proposes it for proactive disclosure — a DRAFT information item of the handling unit in the
// disclosure module, through its public.ts (this module never writes info_items). The draft's title and
// text start from the requests' descriptions with every applicant field and personal-data hit removed; the
// item's history names the 申请编号 it came from, and the requests link to the item.
import { writeAudit } from '../audit/public.js';
import { createProposedDraft, maskAll, scanPersonalData } from '../disclosure/public.js';
import type { Db } from '../db/schema.js';
import { actorLabel, type Ctx } from '../lib/context.js';
import { AppError, fail } from '../lib/errors.js';
import { nowIso } from '../lib/time.js';
import { parseInput, text } from '../lib/validate.js';
import { z } from 'zod';
import { requireRequestWriter } from './requests-policy.js';
import { findRequest, type RequestRow } from './requests.service.js';
import { DEFAULT_PROACTIVE_AFTER, jaccard, PROACTIVE_AFTER_KEY, sameApplicant, SIMILAR_THRESHOLD, similarGroupIds, similarRequests, termSet } from './similar.js';

type Applicant = Pick<RequestRow, 'applicant_name' | 'applicant_id_number' | 'applicant_phone' | 'applicant_email' | 'applicant_address' | 'applicant_contact' | 'applicant_legal_rep'>;

/** Every applicant field of these requests that is long enough to be recognised in a text. */
export function applicantStrings(rows: readonly Applicant[]): string[] {
  return [...new Set(rows.flatMap((r) => [r.applicant_name, r.applicant_id_number, r.applicant_phone, r.applicant_email, r.applicant_address, r.applicant_contact, r.applicant_legal_rep])
    .map((x) => x?.trim() ?? '').filter((x) => x.length >= 2))].sort((a, b) => b.length - a.length);
}

/** The text with the applicants' own fields cut out and other personal data masked. */
export function withoutApplicantData(s: string, personal: readonly string[]): string {
  let out = s;
  for (const p of personal) out = out.split(p).join('');
  return maskAll(out, scanPersonalData(out)).replace(/[ \t]{2,}/g, ' ').trim();
}

export type ProactiveProposal = {
  /** The requests counted (this one and the other applicants' released ones), oldest first. */
  requests: { id: number; number: string | null }[];
  applicants: number;
  threshold: number;
  /** The draft items already proposed from any of these requests. */
  items: number[];
  title: string;
  body: string;
};

async function counted(db: Db, row: RequestRow) {
  const sim = await similarRequests(db, row.id);
  const ids = [row.id, ...sim.similar.filter((s) => !s.sameApplicant && (s.decision === 'disclosed' || s.decision === 'partial')).map((s) => s.id)];
  const rows = await db.selectFrom('info_requests').selectAll().where('id', 'in', ids).orderBy('id').execute();
  return { sim, rows };
}

/** What the request page offers under the art. 44 hint; null when fewer applicants than the threshold asked. */
export async function proactiveProposal(db: Db, row: RequestRow): Promise<ProactiveProposal | null> {
  const { sim, rows } = await counted(db, row);
  if (sim.otherApplicants + 1 < sim.proactiveAfter) return null;
  const personal = applicantStrings(rows);
  const links = await db.selectFrom('info_request_proactive_items').select('item_id').distinct().where('request_id', 'in', rows.map((r) => r.id)).execute();
  const descriptions = [...new Set(rows.map((r) => withoutApplicantData(r.description, personal)).filter(Boolean))];
  const first = withoutApplicantData(row.description, personal).replace(/^(申请|请求|要求)?(公开|获取|提供)/, '').slice(0, 120);
  return {
    requests: rows.map((r) => ({ id: r.id, number: r.number })), applicants: sim.otherApplicants + 1, threshold: sim.proactiveAfter,
    items: links.map((l) => l.item_id),
    title: first || '依申请公开转主动公开的政府信息',
    body: ['（依照《中华人民共和国政府信息公开条例》第四十四条，多位申请人申请公开相同的政府信息，且该信息可以公开，拟纳入主动公开范围。请在此填写或上传拟公开的政府信息正文。）', '申请所涉信息：', ...descriptions.map((d) => `- ${d}`)].join('\n'),
  };
}

const proposalSchema = z.object({ title: text('标题', { max: 200 }), body: text('正文', { max: 20000, multiline: true }) });

/**
 * Creates the DRAFT item of the handling unit (disclosure module, one transaction with the links and the
 * audit record). Refused when fewer than N applicants asked, when one of the requests already has a
 * draft, or when the title or text still holds an applicant's data or other personal data.
 */
export async function proposeProactive(ctx: Ctx, id: number, input: unknown): Promise<number> {
  const v = parseInput(proposalSchema, input);
  const row = await findRequest(ctx, id);
  requireRequestWriter(ctx.actor, row.area_id, [row.unit_id, row.handling_unit_id]);
  const { sim, rows } = await counted(ctx.db, row);
  if (sim.otherApplicants + 1 < sim.proactiveAfter) throw fail('wrong_status', `相同信息的申请人不足 ${sim.proactiveAfter} 位，暂不需要转为主动公开`);
  // Every request of the group is linked, not only the ones counted (and not only the 20 the page lists).
  const ids = [...new Set([...rows.map((r) => r.id), ...await similarGroupIds(ctx.db, row.id)])].sort((a, b) => a - b);
  const existing = await ctx.db.selectFrom('info_request_proactive_items').select(['item_id']).where('request_id', 'in', ids).executeTakeFirst();
  if (existing) throw fail('wrong_status', `这些申请已拟主动公开（政府信息草稿 ${existing.item_id}）`);
  const group = await ctx.db.selectFrom('info_requests').selectAll().where('id', 'in', ids).orderBy('id').execute();
  const personal = applicantStrings(group);
  const fields: Record<string, string> = {};
  for (const k of ['title', 'body'] as const) {
    if (personal.some((p) => v[k].includes(p))) fields[k] = '含有申请人的个人信息，请删除后再生成草稿';
    else if (scanPersonalData(v[k]).some((h) => h.severity === 'high')) fields[k] = '含有个人信息（身份证号、手机号等），请删除后再生成草稿';
  }
  if (Object.keys(fields).length) throw new AppError('invalid', 'validation_failed', '草稿含有个人信息', fields);
  const numbers = group.map((r) => r.number ?? `#${r.id}`);
  const unitId = row.handling_unit_id ?? row.unit_id;
  const at = nowIso();
  const who = actorLabel(ctx.actor);
  return createProposedDraft(ctx, { unitId, title: v.title, body: v.body, attribute: 'proactive' },
    `来源：依申请公开转主动公开（条例第四十四条），${sim.otherApplicants + 1}位申请人，${group.length}件申请：${numbers.join('、')}`,
    async (tx, itemId) => {
      await tx.insertInto('info_request_proactive_items').values(ids.map((requestId) => ({ request_id: requestId, item_id: itemId, created_by: who, created_at: at }))).execute();
      for (const requestId of ids) {
        await writeAudit(tx, ctx, { action: 'request.proactive_draft', entity: 'info_request', entityId: requestId, areaId: row.area_id, after: { itemId, requests: numbers, unitId } });
      }
    });
}

/** The draft items linked to this request (art. 44), oldest first. */
export async function linkedDrafts(db: Db, requestId: number): Promise<number[]> {
  const rows = await db.selectFrom('info_request_proactive_items').select('item_id').where('request_id', '=', requestId).orderBy('item_id').execute();
  return rows.map((r) => r.item_id);
}

/**
 * A later request of a group that already has an art. 44 draft joins that draft (link + audit) instead of
 * being offered a second one. Cheap when the body has no draft at all (one indexed probe).
 */
export async function linkToGroupDraft(ctx: Ctx, requestId: number): Promise<number | null> {
  const me = await ctx.db.selectFrom('info_requests').select(['id', 'unit_id', 'area_id']).where('id', '=', requestId).executeTakeFirst();
  if (!me) return null;
  const any = await ctx.db.selectFrom('info_request_proactive_items as p').innerJoin('info_requests as r', 'r.id', 'p.request_id')
    .select('p.item_id').where('r.unit_id', '=', me.unit_id).limit(1).executeTakeFirst();
  if (!any) return null;
  const sim = await similarRequests(ctx.db, requestId);
  if (!sim.similar.length) return null;
  const link = await ctx.db.selectFrom('info_request_proactive_items').select(['item_id', 'request_id'])
    .where('request_id', 'in', sim.similar.map((x) => x.id)).orderBy('item_id').executeTakeFirst();
  if (!link) return null;
  const at = nowIso();
  const who = actorLabel(ctx.actor);
  await ctx.db.transaction().execute(async (tx) => {
    const already = await tx.selectFrom('info_request_proactive_items').select('item_id').where('request_id', '=', requestId).where('item_id', '=', link.item_id).executeTakeFirst();
    if (already) return;
    await tx.insertInto('info_request_proactive_items').values({ request_id: requestId, item_id: link.item_id, created_by: who, created_at: at }).execute();
    await writeAudit(tx, ctx, { action: 'request.proactive_link', entity: 'info_request', entityId: requestId, areaId: me.area_id, after: { itemId: link.item_id, via: link.request_id } });
  });
  return link.item_id;
}

export type ProactiveGroup = { requestId: number; number: string | null; applicants: number };

/**
 * 工作台: groups of similar requests (same body, within 3 years of each other, among the newest 300 in the actor's scope)
 * where this request plus other applicants' released similar requests reach the hint threshold and none of
 * them has a draft yet. One entry per group (the newest request stands for it).
 */
export async function proactiveGroupsWithoutDraft(db: Db, scope: { areaId: number; unitId: number | null }): Promise<ProactiveGroup[]> {
  let q = db.selectFrom('info_requests').select(['id', 'number', 'unit_id', 'description', 'applicant_name', 'applicant_id_number', 'applicant_phone', 'decision', 'submitted_on'])
    .where('area_id', '=', scope.areaId);
  if (scope.unitId !== null) { const u = scope.unitId; q = q.where((eb) => eb.or([eb('unit_id', '=', u), eb('handling_unit_id', '=', u)])); }
  const rows = await q.orderBy('id', 'desc').limit(300).execute();
  if (rows.length < 2) return [];
  const setting = await db.selectFrom('settings').select('value').where('key', '=', PROACTIVE_AFTER_KEY).executeTakeFirst();
  const threshold = setting && /^\d+$/.test(setting.value) ? Number(setting.value) : DEFAULT_PROACTIVE_AFTER;
  const linked = new Set((await db.selectFrom('info_request_proactive_items').select('request_id').where('request_id', 'in', rows.map((r) => r.id)).execute()).map((r) => r.request_id));
  const terms = new Map(rows.map((r) => [r.id, termSet(r.description)]));
  const released = (r: (typeof rows)[number]) => r.decision === 'disclosed' || r.decision === 'partial';
  const key = (r: (typeof rows)[number]) => r.applicant_id_number ?? `${r.applicant_name}|${r.applicant_phone ?? ''}`;
  const done = new Set<number>();
  const out: ProactiveGroup[] = [];
  for (const me of rows) {
    if (done.has(me.id)) continue;
    const since = `${Number(me.submitted_on.slice(0, 4)) - 3}${me.submitted_on.slice(4)}`;
    const group = rows.filter((r) => r.id !== me.id && r.unit_id === me.unit_id && r.submitted_on >= since && jaccard(terms.get(me.id)!, terms.get(r.id)!) >= SIMILAR_THRESHOLD);
    const others = new Set(group.filter((r) => released(r) && !sameApplicant(me, r)).map(key));
    others.delete(key(me));
    if (others.size + 1 < threshold) continue;
    for (const r of group) done.add(r.id);
    done.add(me.id);
    if (linked.has(me.id) || group.some((r) => linked.has(r.id))) continue;
    out.push({ requestId: me.id, number: me.number, applicants: others.size + 1 });
  }
  return out;
}
