// Reply letters (答复书 / 告知书), one versioned template per decision type. Pure: input → title and
// paragraphs. The service stores the rendered paragraphs with the template name and version, so an
// issued letter never changes when a template is revised (bump the version when editing one).
import { WITHHELD_BASES, type WithheldBasisCode } from '../disclosure/public.js';
import type { DecisionCode } from './table3.js';

export type SearchRecord = { systems: string; keywords: string; unitsConsulted: string; searchedOn: string; staff: string };
export type LetterInput = {
  docNumber: string;
  issuedOn: string;
  applicantName: string;
  number: string;
  receivedOn: string;
  description: string;
  unitName: string;
  decision: DecisionCode;
  /** Where the applicant may seek 行政复议 (the body's superior government). */
  reviewBody: string;
  reasons?: string;
  /** Art. 36(一): where the information was already published. */
  publishedAt?: string;
  /** Art. 36(一): the published information item the letter points to. */
  publishedItemId?: number;
  /** Art. 36(五): the body responsible. */
  referral?: string;
  released?: string[];
  withheld?: { part: string; basis: WithheldBasisCode; reason?: string }[];
  searchRecord?: SearchRecord;
  extension?: { days: number; approver?: string; on: string } | null;
  correctionOn?: string | null;
  feeNoticeOn?: string | null;
  repeatOf?: string;
};
export type Letter = { template: string; version: number; title: string; paragraphs: string[]; annex: { title: string; rows: [string, string][] } | null };

export const TEMPLATE_VERSION = 1;
const LAW = '《中华人民共和国政府信息公开条例》（以下简称《条例》）';

const basis = (code: WithheldBasisCode) => WITHHELD_BASES.find((b) => b.code === code)!;

/** Decisions that need written reasons in the letter. */
export const NEEDS_REASONS: ReadonlySet<string> = new Set([
  'unable_needs_creation', 'unable_unclear', 'not_processed_complaint', 'not_processed_excessive', 'not_processed_confirm', 'other',
  ...WITHHELD_BASES.map((b) => `withheld_${b.code}`),
]);
/** 告知书 rather than 答复书: the request is not processed or ended. */
const NOTICE: ReadonlySet<string> = new Set(['not_processed_complaint', 'not_processed_repeat', 'not_processed_publication', 'not_processed_excessive', 'not_processed_confirm', 'other_no_correction', 'other_fee_unpaid', 'other']);

export function reliefClause(reviewBody: string): string {
  return `如对本答复不服，可以自收到本答复之日起六十日内向${reviewBody}申请行政复议，或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。`;
}

export function renderLetter(i: LetterInput): Letter {
  const isNotice = NOTICE.has(i.decision);
  const title = isNotice ? '政府信息公开申请告知书' : '政府信息公开申请答复书';
  const p: string[] = [];
  p.push(`${i.applicantName}：`);
  let facts = `本机关于${i.receivedOn}收到您提出的政府信息公开申请（申请编号：${i.number}），申请获取“${i.description}”。`;
  if (i.extension) facts += `因情况复杂，经本机关政府信息公开工作机构负责人同意，本机关于${i.extension.on}告知您延长答复期限${i.extension.days}个工作日。`;
  p.push(facts);
  const reasons = i.reasons?.trim() ? `理由如下：${i.reasons.trim()}` : '';
  const d = i.decision;
  if (d === 'disclosed') {
    p.push(i.publishedAt
      ? `经审查，您申请获取的政府信息已经主动公开。根据${LAW}第三十六条第（一）项的规定，您可以通过以下途径获取：${i.publishedAt}。`
      : `经审查，您申请获取的政府信息属于公开范围。根据${LAW}第三十六条第（二）项的规定，本机关予以公开，现将该信息提供给您（见附件）。`);
  } else if (d === 'partial') {
    p.push(`经审查，您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。根据${LAW}第三十七条的规定，本机关向您提供可以公开的部分，具体如下：`);
    (i.released ?? []).forEach((r, n) => p.push(`予以公开的部分${n + 1}：${r}（见附件）。`));
    (i.withheld ?? []).forEach((w, n) => {
      const b = basis(w.basis);
      p.push(`不予公开的部分${n + 1}：${w.part}。该部分${b.label}，根据《条例》${b.article}的规定不予公开${w.reason ? `，理由是：${w.reason}` : ''}。`);
    });
  } else if (d.startsWith('withheld_')) {
    const b = basis(d.slice('withheld_'.length) as WithheldBasisCode);
    p.push(`经审查，您申请获取的政府信息${b.label}。根据${LAW}${b.article}及第三十六条第（三）项的规定，本机关不予公开。${reasons}`);
  } else if (d === 'unable_not_held') {
    p.push(`经检索（检索情况见附件《政府信息检索记录》），本机关未制作或者获取您申请的政府信息。根据${LAW}第三十六条第（四）项的规定，告知您该政府信息不存在。`);
    if (i.referral?.trim()) p.push(`经了解，您申请的信息可能由${i.referral.trim()}制作或者保存。根据《条例》第三十六条第（五）项的规定，建议您向该机关提出申请。`);
  } else if (d === 'unable_needs_creation') {
    p.push(`经审查，本机关没有现成的您所申请的政府信息。根据${LAW}第三十八条的规定，行政机关向申请人提供的信息，应当是已制作或者获取的政府信息，不需要对现有政府信息进行加工、分析，本机关无法提供。${reasons}`);
  } else if (d === 'unable_unclear') {
    p.push(`本机关${i.correctionOn ? `于${i.correctionOn}` : ''}已告知您补正申请内容。经审查，补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。根据${LAW}第二十九条、第三十条的规定，本机关无法提供。${reasons}`);
  } else if (d === 'not_processed_complaint') {
    p.push(`经审查，您提出的申请以政府信息公开申请的形式进行信访、投诉、举报等活动。根据${LAW}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道反映。${reasons}`);
  } else if (d === 'not_processed_repeat') {
    p.push(`经审查，您的申请与${i.repeatOf?.trim() ? i.repeatOf.trim() : '本机关已经答复的申请'}内容相同，且未提出新的理由。根据${LAW}第三十六条第（六）项的规定，本机关不予重复处理。`);
  } else if (d === 'not_processed_publication') {
    p.push(`经审查，您申请获取的是公开出版物。根据${LAW}第三十九条第二款的规定，本机关告知您可以通过公开出版渠道获取。${i.publishedAt ? `获取途径：${i.publishedAt}。` : ''}`);
  } else if (d === 'not_processed_excessive') {
    p.push(`经审查，您申请公开政府信息的数量、频次明显超过合理范围，且未能说明理由。根据${LAW}第三十五条的规定，本机关不予处理。${reasons}`);
  } else if (d === 'not_processed_confirm') {
    p.push(`经审查，您的申请是要求行政机关确认或者重新出具已经获取的信息，不属于《条例》规定的政府信息公开申请，本机关不予处理。${reasons}`);
  } else if (d === 'other_no_correction') {
    p.push(`本机关${i.correctionOn ? `于${i.correctionOn}` : ''}已书面告知您补正申请内容及补正期限。您无正当理由逾期未补正。根据${LAW}第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`);
  } else if (d === 'other_fee_unpaid') {
    p.push(`本机关${i.feeNoticeOn ? `于${i.feeNoticeOn}` : ''}已向您发出收费通知。您逾期未按收费通知要求缴纳信息处理费。根据${LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。`);
  } else {
    p.push(`经审查，本机关对您的申请作如下处理：${i.reasons?.trim() ?? ''}`);
  }
  p.push(reliefClause(i.reviewBody));
  p.push(`特此${isNotice ? '告知' : '答复'}。`);
  const annex = d === 'unable_not_held' && i.searchRecord ? {
    title: '政府信息检索记录',
    rows: [
      ['检索的系统和档案', i.searchRecord.systems], ['检索关键词', i.searchRecord.keywords], ['询问的单位', i.searchRecord.unitsConsulted || '无'],
      ['检索日期', i.searchRecord.searchedOn], ['检索人员', i.searchRecord.staff],
    ] as [string, string][],
  } : null;
  return { template: `reply.${d.startsWith('withheld_') ? 'withheld' : d}`, version: TEMPLATE_VERSION, title, paragraphs: p, annex };
}

export type NoticeInput = {
  kind: 'correction' | 'extension';
  applicantName: string; number: string; receivedOn: string; description: string; unitName: string; on: string;
  what?: string; periodDays?: number; periodEnd?: string; consequence?: string;
  days?: number; newDue?: string; approver?: string;
};

/** 补正告知书 (art. 30) and 延期答复告知书 (art. 33 ¶2), built from the stored event. */
export function renderNotice(i: NoticeInput): { title: string; paragraphs: string[] } {
  const p = [`${i.applicantName}：`, `本机关于${i.receivedOn}收到您提出的政府信息公开申请（申请编号：${i.number}），申请获取“${i.description}”。`];
  if (i.kind === 'correction') {
    p.push(`经审查，您的申请内容不明确。根据${LAW}第三十条的规定，请您对以下内容作出补正：${i.what ?? ''}`);
    p.push(`请于${i.periodEnd ?? ''}前（${i.periodDays ?? ''}个工作日内）向本机关提交补正材料。答复期限自本机关收到补正后的申请之日起重新计算。`);
    p.push(i.consequence ?? '申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。');
    p.push('特此告知。');
    return { title: '政府信息公开申请补正告知书', paragraphs: p };
  }
  p.push(`因情况复杂，不能在规定期限内作出答复。根据${LAW}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长${i.days ?? ''}个工作日，本机关将于${i.newDue ?? ''}前作出答复。`);
  p.push('特此告知。');
  return { title: '政府信息公开申请延期答复告知书', paragraphs: p };
}

export type ConsultationInput = {
  partyKind: 'third_party' | 'agency';
  partyName: string;
  docNumber: string;
  number: string;
  receivedOn: string;
  description: string;
  /** What the party is consulted on, and why it may concern them. */
  matter: string;
  sentOn: string;
  answerDue: string;
  unitName: string;
};

/**
 * 征求意见函: to a third party whose rights the disclosure may harm (art. 32), or to a co-producing agency
 * (art. 34). Both have 15 working days from receipt; an agency's silence counts as consent. The applicant is
 * not named (the party needs to know what information, not who asked).
 */
export function renderConsultation(i: ConsultationInput): { template: string; version: number; title: string; paragraphs: string[] } {
  const p = [`${i.partyName}：`];
  p.push(`本机关于${i.receivedOn}收到一件政府信息公开申请（申请编号：${i.number}），申请获取“${i.description}”。`);
  if (i.partyKind === 'agency') {
    p.push(`经审查，申请公开的政府信息由本机关与贵机关共同制作（${i.matter}）。根据${LAW}第三十四条的规定，现书面征求贵机关的意见。`);
    p.push(`请贵机关自收到本征求意见函之日起15个工作日内（${i.answerDue}前）提出是否同意公开的书面意见；不同意公开的，请说明理由和依据。逾期未提出意见的，视为同意公开。`);
  } else {
    p.push(`经审查，申请公开的政府信息可能涉及您（贵单位）的合法权益（${i.matter}）。根据${LAW}第三十二条的规定，现书面征求您（贵单位）的意见。`);
    p.push(`请于收到本征求意见函之日起15个工作日内（${i.answerDue}前）提出是否同意公开的书面意见；不同意公开的，请说明理由。逾期未提出意见的，本机关将依照《条例》的规定决定是否公开。第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知您（贵单位）。`);
  }
  p.push('征求意见期间不计算在答复期限内。');
  p.push('特此函告。');
  return { template: `consultation.${i.partyKind}`, version: TEMPLATE_VERSION, title: '政府信息公开征求意见函', paragraphs: p };
}
