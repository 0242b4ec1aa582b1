/**
 * A second hand-labelled set (《临淄区生活垃圾分类管理办法（征求意见稿）》), written after the grouping's stance
 * guard and long-copy step were designed on labelled.ts and never used to change them: the held-out check.
 * Same labels and kinds as labelled.ts. All people, places and numbers are fictional.
 */
import type { Labelled } from './labelled.js';

const P = '强烈反对把垃圾分类投放点设在我们楼下！投放点离一单元窗户不到五米，夏天臭味很大，还招蚊蝇。请把投放点移到小区北门的空地，那里离住户远，清运车也好进出。';
const Q = '建议延长定时定点投放的时间，早上七点到九点、晚上六点到八点太短，上班族根本赶不上，请增加中午时段或设置24小时误时投放点。';
const R = '要求对厨余垃圾清运不及时的问题进行整改，现在两三天才清运一次。';
const anti = '强烈支持把垃圾分类投放点设在我们楼下！投放点离一单元门口不到五米，扔垃圾很方便，老人也不用走远路。请不要把投放点移到小区北门的空地，那里太远了。';

const campaignP = [
  P, P, `${P}谢谢！`, P.replace('强烈反对', '反对'),
  P.replace('臭味很大', '味道很大').replace('招蚊蝇', '招苍蝇蚊子'),
  `${P}（锦绣花园2号楼居民）`,
  '投放点离一单元窗户不到五米，夏天臭味很大，还招蚊蝇。强烈反对把垃圾分类投放点设在我们楼下！请把投放点移到小区北门的空地，那里离住户远，清运车也好进出。',
  `${P}我家就在一楼，孩子有哮喘，夏天根本不敢开窗，物业说是街道定的位置，我们找了好几次都没有结果，只能来这里反映。`,
  '强烈反对把垃圾分类投放点设在我们楼下！投放点离一单元窗户不到五米，夏天臭味很大，还招蚊蝇。',
  `尊敬的领导：${P}`,
];
const campaignQ = [
  Q, Q, Q.replace('上班族', '上班的人'), `${Q}望采纳！`,
  Q.replace('24小时误时投放点', '误时投放点'),
  '建议延长定时定点投放的时间，早上七点到九点、晚上六点到八点太短，上班族根本赶不上。',
  `${Q}我每天早上七点前就出门，晚上八点半才到家，只能把垃圾带到单位去扔。`,
];
const campaignR = [R, R, `${R}谢谢`, R.replace('两三天', '三四天'), `${R}联系电话13700000000`];
const counter = [anti, anti, anti.replace('强烈支持', '支持')];

const resubmits: [string, string][] = [
  ['第九条规定的罚款对象是个人还是物业？建议写清楚。', '第九条规定的罚款对象到底是个人还是物业公司？建议在条文中写清楚。'],
  ['建议每个小区配一名垃圾分类督导员，前三个月在投放点现场指导。', '补充：建议每个小区配一名垃圾分类督导员，前三个月每天早晚在投放点现场指导。'],
];
const shortSame = ['支持', '支持！', '支持。'];
const shortDistinct = ['坚决支持', '不支持', '无意见'];
const opposite: [string, string][] = [
  ['同意对不分类投放的个人处以罚款，不罚款很多人不会重视。', '不同意对不分类投放的个人处以罚款，应该以宣传引导为主。'],
  ['赞成撤除小区内所有的楼层垃圾桶，统一到投放点投放。', '反对撤除小区内所有的楼层垃圾桶，老年人下楼扔垃圾不方便。'],
];
const distinct = [
  '建议给每户发放分类垃圾袋，并在袋子上印上分类说明。',
  '有害垃圾的投放点太少，废电池和过期药品不知道该扔到哪里。',
  '大件垃圾如旧家具、旧床垫怎么处理？办法里没有写，建议增加预约上门回收。',
  '建议学校把垃圾分类纳入课堂教育，让孩子带动家长。',
  '可回收物能否积分兑换日用品？这样大家会更积极。',
  '装修垃圾乱堆乱放现象严重，建议明确物业和业主的责任。',
  '征求意见稿中“其他垃圾”的范围不清楚，建议附一个常见物品分类表。',
  '清运车在分类收集后又混装在一起运走，居民分类还有什么意义？请监督。',
  '建议在投放点安装洗手池，扔完厨余垃圾可以洗手。',
  '农村地区的垃圾分类怎么开展？办法主要针对城区，建议单独规定。',
  '餐饮单位的餐厨垃圾应当由有资质的企业收运，严禁喂养生猪。',
  '建议每季度公布各街道的垃圾分类考核结果，接受群众监督。',
  '投放点的垃圾桶颜色和标识要全区统一，现在每个小区都不一样。',
  '快递包装垃圾越来越多，建议在快递驿站设置纸箱回收点。',
  '建议将垃圾分类情况纳入文明家庭评选条件。',
  '第二十二条规定的“情节严重”是什么标准？请细化。',
  '希望在办法中规定垃圾分类收费制度，多产生多付费。',
  '厨余垃圾破袋投放很不卫生，建议投放点提供一次性手套。',
  '建议在公园和景区增设分类垃圾桶，现在只有一个混装的桶。',
  '请说明垃圾分类后的处理设施建设计划，焚烧厂和堆肥厂建在哪里。',
];

export const HELDOUT: Labelled[] = [
  ...campaignP.map((text) => ({ text, label: 'P', kind: 'campaign' as const })),
  ...campaignQ.map((text) => ({ text, label: 'Q', kind: 'campaign' as const })),
  ...campaignR.map((text) => ({ text, label: 'R', kind: 'campaign' as const })),
  ...counter.map((text) => ({ text, label: 'P-counter', kind: 'counter' as const })),
  ...resubmits.flatMap(([a, b], i) => [{ text: a, label: `RS${i}`, kind: 'resubmit' as const }, { text: b, label: `RS${i}`, kind: 'resubmit' as const }]),
  ...shortSame.map((text) => ({ text, label: 'S', kind: 'short' as const })),
  ...shortDistinct.map((text, i) => ({ text, label: `s${i}`, kind: 'distinct' as const })),
  ...opposite.flatMap(([a, b], i) => [{ text: a, label: `O${i}+`, kind: 'opposite' as const }, { text: b, label: `O${i}-`, kind: 'opposite' as const }]),
  ...distinct.map((text, i) => ({ text, label: `d${i}`, kind: 'distinct' as const })),
];
