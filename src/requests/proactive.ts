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
import { similarRequests } from './similar.js';

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
  const ids = rows.map((r) => r.id);
  const existing = await ctx.db.selectFrom('info_request_proactive_items').select(['item_id']).where('request_id', 'in', ids).executeTakeFirst();
  if (existing) throw fail('wrong_status', `这些申请已拟主动公开（政府信息草稿 ${existing.item_id}）`);
  const personal = applicantStrings(rows);
  const fields: Record<string, string> = {};
  for (const k of ['title', 'body'] as const) {
    if (personal.some((p) => v[k].includes(p))) fields[k] = '含有申请人的个人信息，请删除后再生成草稿';
    else if (scanPersonalData(v[k]).some((h) => h.severity === 'high')) fields[k] = '含有个人信息（身份证号、手机号等），请删除后再生成草稿';
  }
  if (Object.keys(fields).length) throw new AppError('invalid', 'validation_failed', '草稿含有个人信息', fields);
  const numbers = rows.map((r) => r.number ?? `#${r.id}`);
  const unitId = row.handling_unit_id ?? row.unit_id;
  const at = nowIso();
  const who = actorLabel(ctx.actor);
  return createProposedDraft(ctx, { unitId, title: v.title, body: v.body, attribute: 'proactive' },
    `来源：依申请公开转主动公开（条例第四十四条），${rows.length}位申请人：${numbers.join('、')}`,
    async (tx, itemId) => {
      await tx.insertInto('info_request_proactive_items').values(ids.map((requestId) => ({ request_id: requestId, item_id: itemId, created_by: who, created_at: at }))).execute();
      for (const requestId of ids) {
        await writeAudit(tx, ctx, { action: 'request.proactive_draft', entity: 'info_request', entityId: requestId, areaId: row.area_id, after: { itemId, requests: numbers, unitId } });
      }
    });
}
