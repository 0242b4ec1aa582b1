// 法定主动公开内容: the statutory list of 《政府信息公开条例》第二十条（一）至（十五）and 第二十一条, each with
// the catalog categories that hold it (with their sub-categories). The 专栏's top level for every body: every category has its place.
export type StatutoryEntry = { no: string; article: 20 | 21; title: string; codes: string[] };

export const ARTICLE_20: StatutoryEntry[] = [
  { no: '（一）', article: 20, title: '行政法规、规章和规范性文件', codes: ['zcwj', 'zcjd'] },
  { no: '（二）', article: 20, title: '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名', codes: ['jgzn'] },
  { no: '（三）', article: 20, title: '国民经济和社会发展规划、专项规划、区域规划及相关政策', codes: ['ghjh'] },
  { no: '（四）', article: 20, title: '国民经济和社会发展统计信息', codes: ['tjxx'] },
  { no: '（五）', article: 20, title: '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果', codes: ['xzzf-xk'] },
  { no: '（六）', article: 20, title: '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定', codes: ['xzzf-cf', 'xzzf-qz'] },
  { no: '（七）', article: 20, title: '财政预算、决算信息', codes: ['czyjs'] },
  { no: '（八）', article: 20, title: '行政事业性收费项目及其依据、标准', codes: ['xzsyxsf'] },
  { no: '（九）', article: 20, title: '政府集中采购项目的目录、标准及实施情况', codes: ['zfcg'] },
  { no: '（十）', article: 20, title: '重大建设项目的批准和实施情况', codes: ['zdly-zdxm'] },
  { no: '（十一）', article: 20, title: '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况', codes: ['zdly-xczx', 'zdly-jyylws'] },
  { no: '（十二）', article: 20, title: '突发公共事件的应急预案、预警信息及应对情况', codes: ['tfsj'] },
  { no: '（十三）', article: 20, title: '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况', codes: ['zdly-hjbh', 'zdly-aqsc', 'zdly-spyp', 'xzzf-jc'] },
  { no: '（十四）', article: 20, title: '公务员招考的职位、名额、报考条件等事项以及录用结果', codes: ['rsxx'] },
  { no: '（十五）', article: 20, title: '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息', codes: ['zdxzjc', 'zdly-ggzy', 'zdly-bzxzf', 'jyta', 'zfgb', 'qt'] },
];

/** 第二十一条: 县级人民政府及其部门. */
export const ARTICLE_21_COUNTY: StatutoryEntry[] = [
  { no: '市政建设', article: 21, title: '市政建设', codes: ['szjs'] },
  { no: '公共服务', article: 21, title: '公共服务', codes: ['ggfw'] },
  { no: '公益事业', article: 21, title: '公益事业', codes: ['zdly-shgy'] },
  { no: '土地征收', article: 21, title: '土地征收', codes: ['tdzs'] },
  { no: '房屋征收', article: 21, title: '房屋征收', codes: ['fwzs'] },
  { no: '治安管理', article: 21, title: '治安管理', codes: ['zagl'] },
  { no: '社会救助', article: 21, title: '社会救助', codes: ['shjz'] },
];

/** 第二十一条: 乡（镇）人民政府 (the platform applies it to 镇 and 街道 alike). */
export const ARTICLE_21_TOWN: StatutoryEntry[] = [
  { no: '农业农村政策', article: 21, title: '贯彻落实农业农村政策', codes: ['nyzc'] },
  { no: '农田水利', article: 21, title: '农田水利工程建设运营', codes: ['ntsl'] },
  { no: '土地流转', article: 21, title: '农村土地承包经营权流转', codes: ['tdlz'] },
  { no: '宅基地', article: 21, title: '宅基地使用情况审核', codes: ['zjd'] },
  { no: '土地征收', article: 21, title: '土地征收', codes: ['tdzs'] },
  { no: '房屋征收', article: 21, title: '房屋征收', codes: ['fwzs'] },
  { no: '筹资筹劳', article: 21, title: '筹资筹劳', codes: ['cccl'] },
  { no: '社会救助', article: 21, title: '社会救助', codes: ['shjz'] },
];

export const RULES_CATEGORY = 'gkzd';

/** The statutory list for a body of the given kind. */
export const statutoryFor = (kind: string): StatutoryEntry[] =>
  [...ARTICLE_20, ...(kind === '镇' || kind === '街道' ? ARTICLE_21_TOWN : ARTICLE_21_COUNTY)];
