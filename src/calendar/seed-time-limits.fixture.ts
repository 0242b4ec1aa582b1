import type { DeadlineRule } from './deadline-rule-types.js';

/**
 * Every distinct 时限要求 cell of 附件1 in ../../shared/seeds/000_e4dacb8989f56fa1.txt
 * (临政办字〔2022〕16号, plan year 2022), copied as the text export shows them: wrapped cells
 * keep the spaces where the Word table broke the line. Cells of tasks 10, 11 and 34 that sit
 * in the last column are shifted 责任单位 names, not time limits, and are left out; empty
 * cells mean "same as above" and are not texts to parse.
 */
export interface SeedTimeLimit {
  readonly tasks: readonly number[];
  readonly text: string;
  readonly expected: readonly DeadlineRule[];
}

const wd = (days: number, after: string): DeadlineRule => ({ kind: 'workingDays', days, after });
const ongoing: DeadlineRule = { kind: 'ongoing' };
const by = (date: string, source: string): DeadlineRule => ({ kind: 'by', date, source });

export const SEED_PLAN_YEAR = 2022;

export const SEED_TIME_LIMITS: readonly SeedTimeLimit[] = [
  { tasks: [1], text: '按季度公开', expected: [{ kind: 'quarterly' }] },
  {
    tasks: [2],
    text: '信息形成或者变更之日起 20 个工作日内公开，行政处罚信息于处罚结果作出后 7 个工作日内公开',
    expected: [wd(20, '信息形成或者变更之日'), wd(7, '处罚结果作出')],
  },
  { tasks: [3, 5, 6, 32, 36, 39, 41, 45, 50, 51, 53, 54, 63], text: '长期坚持', expected: [ongoing] },
  { tasks: [4], text: '信息形成或变更之日起 20 个工作日内公开', expected: [wd(20, '信息形成或变更之日')] },
  { tasks: [13], text: '疫情防控期间', expected: [{ kind: 'during', condition: '疫情防控期间' }] },
  { tasks: [17], text: '信息形成或变更之日起 20个工作日内公开', expected: [wd(20, '信息形成或变更之日')] },
  {
    tasks: [18],
    text: '保障性安居工程规划建设 方案、年度建设计划信息 应在方案、计划确定后 20 个工作日内公开；每月后 10 个工作日内公开年度计 划任务量完成进度，项目 竣工后 20 个工作日内公开 已竣工项目基本信息；分 配结果确定后 20 个工作 日内公开住房分配情况',
    expected: [
      wd(20, '方案、计划确定'),
      { kind: 'workingDays', days: 10, after: '每月', repeat: 'monthly' },
      wd(20, '项目竣工'),
      wd(20, '分配结果确定'),
    ],
  },
  { tasks: [19, 20, 23, 31], text: '信息形成或者变更之日起 20个工作日内公开', expected: [wd(20, '信息形成或者变更之日')] },
  {
    tasks: [22],
    text: '各类保险参保人数、待遇支付、基金收支情况等信息定期公开，医保定点医院、药店及药品、诊疗项目目录等一次性发布，动态调整',
    // 定期公开 | 一次性发布 has no time of its own and is read with the clause before it | 动态调整.
    expected: [ongoing, ongoing],
  },
  {
    tasks: [25],
    text: '长期落实推动校务公开工 作，2022年8月底前要明 确并通过政府网站向社会 公开适用主体清单，归集 展示相关信息',
    expected: [ongoing, by('2022-08-31', '2022年8月底前')],
  },
  {
    tasks: [26],
    text: '长期落实推动企业环境信 息依法披露工作，2022年 8月底前要依托政府网站 等设立企业环境信息依法 披露系统，公开相应信息',
    expected: [ongoing, by('2022-08-31', '2022年8月底前')],
  },
  {
    tasks: [27],
    text: '长期落实推动供水、供气、 供热等公共企事业单位信 息公开工作，2022年8月 底前要通过政府网站向社 会公开适用主体清单，归 集展示相关信息',
    expected: [ongoing, by('2022-08-31', '2022年8月底前')],
  },
  {
    tasks: [28],
    text: '长期落实公共交通企业信 息公开工作，2022年8月 底前要通过区政府网站向 社会公开适用主体清单， 归集展示相关信息',
    expected: [ongoing, by('2022-08-31', '2022年8月底前')],
  },
  {
    tasks: [29],
    text: '长期落实医疗卫生机构信 息公开工作，2022年8月 底前要通过区政府网站向 社会公开适用主体清单， 归集展示相关信息',
    expected: [ongoing, by('2022-08-31', '2022年8月底前')],
  },
  { tasks: [30], text: '长期公示', expected: [ongoing] },
  {
    tasks: [33],
    text: '重大行政决策向社会公开 征求意见的，征求意见期 限不少于30日',
    expected: [{ kind: 'minCalendarDays', days: 30 }],
  },
  {
    tasks: [40],
    text: '对行政规范性文件、行政机关制发的对群众和企业权益产生影响的政策文件的首次解读材料应于文件公开后3个工作日内公开，根据实际情况，适时开展政策施行后跟踪解读',
    expected: [wd(3, '文件公开'), ongoing],
  },
  { tasks: [52], text: '2022 年年底前基本完成改造', expected: [by('2022-12-31', '2022年年底前')] },
  { tasks: [60], text: '年底前', expected: [by('2022-12-31', '年底前')] },
  { tasks: [62], text: '6月底前', expected: [by('2022-06-30', '6月底前')] },
];

/** The wrapped cells as the Word table showed them: one line per wrapped piece. */
export const SEED_MULTILINE_TIME_LIMITS: readonly SeedTimeLimit[] = SEED_TIME_LIMITS
  .filter((s) => s.tasks.some((t) => t === 18 || (t >= 25 && t <= 29) || t === 33))
  .map((s) => ({ ...s, text: s.text.replace(/ /g, '\n') }));
