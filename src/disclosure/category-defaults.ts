// Default 公开目录 (catalog) and 主题分类 (topic) trees, seeded per area and editable by the admin.
// The catalog covers the statutory proactive content of 《条例》第二十条、第二十一条 and the plan's key areas.
export type CategorySeed = { code: string; name: string; children?: CategorySeed[] };

export const DEFAULT_CATALOG: CategorySeed[] = [
  { code: 'jgzn', name: '机构职能' },
  { code: 'zcwj', name: '政策文件', children: [
    { code: 'zcwj-gfxwj', name: '行政规范性文件' },
    { code: 'zcwj-qtzcwj', name: '其他政策文件' },
  ] },
  { code: 'zcjd', name: '政策解读' },
  { code: 'ghjh', name: '规划计划' },
  { code: 'zdxzjc', name: '重大行政决策' },
  { code: 'czyjs', name: '财政预决算', children: [
    { code: 'czyjs-ys', name: '财政预算' },
    { code: 'czyjs-js', name: '财政决算' },
  ] },
  { code: 'xzzf', name: '行政执法', children: [
    { code: 'xzzf-xk', name: '行政许可' },
    { code: 'xzzf-cf', name: '行政处罚' },
    { code: 'xzzf-qz', name: '行政强制' },
    { code: 'xzzf-jc', name: '行政检查' },
  ] },
  { code: 'xzsyxsf', name: '行政事业性收费' },
  { code: 'zdly', name: '重点领域', children: [
    { code: 'zdly-zdxm', name: '重大建设项目' },
    { code: 'zdly-ggzy', name: '公共资源配置' },
    { code: 'zdly-shgy', name: '社会公益事业' },
    { code: 'zdly-bzxzf', name: '保障性住房' },
    { code: 'zdly-xczx', name: '乡村振兴' },
    { code: 'zdly-hjbh', name: '生态环境' },
    { code: 'zdly-aqsc', name: '安全生产与应急管理' },
    { code: 'zdly-spyp', name: '食品药品监管' },
    { code: 'zdly-jyylws', name: '教育、医疗卫生' },
  ] },
  { code: 'rsxx', name: '人事信息' },
  { code: 'tjxx', name: '统计信息' },
  { code: 'jyta', name: '建议提案办理' },
  { code: 'zfgb', name: '政府公报' },
  { code: 'zfxxgknb', name: '政府信息公开年度报告' },
  // Statutory places that the trees above do not cover (条例第二十条（九）（十二），第二十一条), and the 制度 column.
  { code: 'zfcg', name: '政府集中采购' },
  { code: 'tfsj', name: '突发公共事件应对' },
  { code: 'szjs', name: '市政建设' },
  { code: 'ggfw', name: '公共服务' },
  { code: 'tdzs', name: '土地征收' },
  { code: 'fwzs', name: '房屋征收' },
  { code: 'zagl', name: '治安管理' },
  { code: 'shjz', name: '社会救助' },
  { code: 'nyzc', name: '农业农村政策落实' },
  { code: 'ntsl', name: '农田水利工程建设运营' },
  { code: 'tdlz', name: '农村土地承包经营权流转' },
  { code: 'zjd', name: '宅基地使用情况审核' },
  { code: 'cccl', name: '筹资筹劳' },
  { code: 'gkzd', name: '政府信息公开制度' },
  { code: 'qt', name: '其他' },
];

/** 国务院公文主题分类 (the common first level used by government portals). */
export const DEFAULT_TOPICS: CategorySeed[] = [
  '综合政务', '国民经济管理、国有资产监管', '财政、金融、审计', '国土资源、能源', '农业、林业、水利', '工业、交通',
  '商贸、海关、旅游', '市场监管、安全生产监管', '城乡建设、环境保护', '科技、教育', '文化、广电、新闻出版', '卫生、体育',
  '人口与计划生育、妇女儿童工作', '劳动、人事、监察', '公安、安全、司法', '民政、扶贫、救灾', '民族、宗教', '对外事务',
  '港澳台侨工作', '国防', '其他',
].map((name, i) => ({ code: `tp${String(i + 1).padStart(2, '0')}`, name }));

/** Flattens a tree into rows with parent codes and a running sort order. */
export function flattenCategories(tree: CategorySeed[], parent: string | null = null, out: { code: string; name: string; parent_code: string | null; sort: number }[] = []) {
  for (const c of tree) {
    out.push({ code: c.code, name: c.name, parent_code: parent, sort: out.length + 1 });
    if (c.children) flattenCategories(c.children, c.code, out);
  }
  return out;
}
