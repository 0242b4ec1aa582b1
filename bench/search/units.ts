/** Issuing units of 临淄区 with the abbreviation used in their 文号 (临财字〔2023〕12号). */
export interface Unit {
  /** Short name as used in task tables: 区财政局, 凤凰镇. */
  readonly name: string;
  /** Full issuing name on documents: 临淄区财政局, 凤凰镇人民政府. */
  readonly fullName: string;
  /** 文号 prefix without the type character: 临财, 临凤. */
  readonly docPrefix: string;
  readonly town: boolean;
}

const dept = (name: string, docPrefix: string): Unit => ({
  name,
  fullName: name.startsWith('区') ? `临淄${name}` : name,
  docPrefix,
  town: false,
});
const town = (name: string, docPrefix: string): Unit => ({
  name,
  fullName: name.endsWith('街道') ? `${name}办事处` : `${name}人民政府`,
  docPrefix,
  town: true,
});

export const UNITS: readonly Unit[] = [
  { name: '区政府办公室', fullName: '临淄区人民政府办公室', docPrefix: '临政办', town: false },
  dept('区发展和改革局', '临发改'),
  dept('区教育和体育局', '临教体'),
  dept('区科学技术局', '临科'),
  dept('区工业和信息化局', '临工信'),
  dept('区公安分局', '临公'),
  dept('区民政局', '临民'),
  dept('区司法局', '临司'),
  dept('区财政局', '临财'),
  dept('区人力资源和社会保障局', '临人社'),
  dept('区自然资源局', '临自然资源'),
  dept('区住房和城乡建设局', '临建'),
  dept('区交通运输局', '临交'),
  dept('区水利局', '临水'),
  dept('区农业农村局', '临农'),
  dept('区商务局', '临商'),
  dept('区文化和旅游局', '临文旅'),
  dept('区卫生健康局', '临卫健'),
  dept('区退役军人事务局', '临退役'),
  dept('区应急管理局', '临应急'),
  dept('区审计局', '临审'),
  dept('区市场监督管理局', '临市监'),
  dept('区统计局', '临统'),
  dept('区医疗保障局', '临医保'),
  dept('区综合行政执法局', '临综执'),
  dept('区行政审批服务局', '临审批'),
  dept('区信访局', '临信访'),
  dept('区大数据中心', '临数据'),
  dept('淄博市生态环境局临淄分局', '临环'),
  dept('区残疾人联合会', '临残联'),
  town('闻韶街道', '闻韶'),
  town('雪宫街道', '雪宫'),
  town('辛店街道', '辛店'),
  town('稷下街道', '稷下'),
  town('齐陵街道', '齐陵'),
  town('齐都镇', '齐都'),
  town('皇城镇', '皇城'),
  town('敬仲镇', '敬仲'),
  town('朱台镇', '朱台'),
  town('凤凰镇', '凤凰'),
  town('金岭回族镇', '金岭'),
  town('金山镇', '金山'),
];

export const unitByName = (name: string): Unit => {
  const unit = UNITS.find((u) => u.name === name);
  if (!unit) throw new Error(`unknown unit ${name}`);
  return unit;
};

export const TOWNS: readonly Unit[] = UNITS.filter((u) => u.town);
