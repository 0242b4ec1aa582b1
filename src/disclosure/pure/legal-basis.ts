import { z } from 'zod';

/**
 * Legal bases for withholding information (不予公开), one per row of block （三） of table 3 in the
 * annual report (国办公开办函〔2021〕30号). Keeping the rows and the codes in one list means a reply
 * recorded with a code can be counted into the report without a second mapping.
 */
export const WITHHELD_BASIS_CODES = [
  'art14_state_secret',
  'art14_law_forbidden',
  'art14_three_safety_one_stability',
  'art15_third_party',
  'art16_internal_affairs',
  'art16_process_info',
  'art16_enforcement_file',
  'admin_query',
] as const;

export const withheldBasisCodeSchema = z.enum(WITHHELD_BASIS_CODES);

export type WithheldBasisCode = z.infer<typeof withheldBasisCodeSchema>;

export interface WithheldBasis {
  readonly code: WithheldBasisCode;
  /** Short Chinese label for pickers and reply letters. */
  readonly label: string;
  /** Article of 《中华人民共和国政府信息公开条例》 (2019) cited in the reply. */
  readonly article: string;
  readonly articleNumber: number;
  /** Position under （三）不予公开 in table 3, 1-based. */
  readonly reportIndex: number;
  /** Row label exactly as printed in the annual report table. */
  readonly reportRowLabel: string;
}

export const WITHHELD_BASES: readonly WithheldBasis[] = [
  {
    code: 'art14_state_secret',
    label: '属于国家秘密',
    article: '第十四条',
    articleNumber: 14,
    reportIndex: 1,
    reportRowLabel: '（三）1.属于国家秘密',
  },
  {
    code: 'art14_law_forbidden',
    label: '法律、行政法规禁止公开',
    article: '第十四条',
    articleNumber: 14,
    reportIndex: 2,
    reportRowLabel: '（三）2.其他法律行政法规禁止公开',
  },
  {
    code: 'art14_three_safety_one_stability',
    label: '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
    article: '第十四条',
    articleNumber: 14,
    reportIndex: 3,
    reportRowLabel: '（三）3.危及“三安全一稳定”',
  },
  {
    code: 'art15_third_party',
    label: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
    article: '第十五条',
    articleNumber: 15,
    reportIndex: 4,
    reportRowLabel: '（三）4.保护第三方合法权益',
  },
  {
    code: 'art16_internal_affairs',
    label: '内部事务信息（人事管理、后勤管理、内部工作流程）',
    article: '第十六条第一款',
    articleNumber: 16,
    reportIndex: 5,
    reportRowLabel: '（三）5.属于三类内部事务信息',
  },
  {
    code: 'art16_process_info',
    label: '过程性信息（讨论记录、过程稿、磋商信函、请示报告）',
    article: '第十六条第二款',
    articleNumber: 16,
    reportIndex: 6,
    reportRowLabel: '（三）6.属于四类过程性信息',
  },
  {
    code: 'art16_enforcement_file',
    label: '行政执法案卷信息',
    article: '第十六条第二款',
    articleNumber: 16,
    reportIndex: 7,
    reportRowLabel: '（三）7.属于行政执法案卷',
  },
  {
    // The mapping of 行政查询事项 to Art. 36(七) (registration records such as 工商、不动产登记资料
    // with their own access procedure) is an inference from the report guidance (domain.md §4).
    code: 'admin_query',
    label: '行政查询事项（有关法律、行政法规对信息获取有特别规定）',
    article: '第三十六条第（七）项',
    articleNumber: 36,
    reportIndex: 8,
    reportRowLabel: '（三）8.属于行政查询事项',
  },
];

const byCode = new Map<WithheldBasisCode, WithheldBasis>(WITHHELD_BASES.map((b) => [b.code, b]));

/** Looks up a basis; the code type guarantees a hit, so a miss is a programming error. */
export function withheldBasis(code: WithheldBasisCode): WithheldBasis {
  const basis = byCode.get(code);
  if (!basis) throw new Error(`unknown withheld basis code: ${code}`);
  return basis;
}
