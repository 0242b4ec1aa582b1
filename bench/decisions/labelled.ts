/**
 * A hand-labelled set of public comments on one consultation (《临淄区城区停车管理办法（征求意见稿）》),
 * written for measuring the grouping of identical and near-identical comments. Every comment carries a
 * label: comments with the same label are copies of one submission (a campaign with small edits, a
 * re-submission by the same person, identical short answers) and must form one group; every other
 * comment is its own opinion and must stay alone, even when it shares a topic, an opening or most of its
 * words with others (opposite positions written on the same template are different opinions).
 *
 * `kind` says what the item tests: campaign copies (`campaign`), a person's re-submission (`resubmit`),
 * identical short answers (`short`), a counter-campaign on the template of another (`counter`),
 * near-identical texts of opposite stance (`opposite`), distinct opinions (`distinct`).
 * All people, places and numbers are fictional.
 */
export type Labelled = { text: string; label: string; kind: 'campaign' | 'resubmit' | 'short' | 'counter' | 'opposite' | 'distinct' };

const A = '我们幸福里小区居民一致要求保留东门菜市场。菜市场搬迁以后，老年人买菜要多走两公里，很不方便。请政府慎重考虑，保留菜市场并规范周边停车。';
const B = '坚决反对在老城区取消路边停车位！老城区道路狭窄，老旧小区没有地下车库，居民停车本来就非常困难。取消车位会让老人看病、孩子上学都更不方便。请保留现有车位，并在周边增建立体停车场。';
const C = '强烈要求在幸福里小区增设电动自行车集中充电桩，解决楼道飞线充电的安全隐患。';
const counter = '坚决支持在老城区取消路边停车位！老城区道路狭窄，路边停车占用了一半车道，早晚高峰非常拥堵。取消车位会让公交和救护车通行更顺畅。请尽快取消路边车位，并在周边增建立体停车场。';

const campaignA: string[] = [
  A,
  A,
  A.replace(/，/g, ',').replace(/。/g, '. '),
  `${A}谢谢！`,
  `${A}（幸福里小区居民）`,
  A.replace('慎重考虑', '认真考虑'),
  A.replace('一致', ''),
  `尊敬的领导：您好！${A}`,
  '菜市场搬迁以后，老年人买菜要多走两公里，很不方便。我们幸福里小区居民一致要求保留东门菜市场。请政府慎重考虑，保留菜市场并规范周边停车。',
  `${A}我家老人八十多岁了，每天都要去东门买菜。`,
  `${A}我母亲今年八十二岁，腿脚不好，每天早上都要去东门菜市场买菜，如果搬到新区，她只能坐公交车去，来回要一个多小时，希望领导体谅我们老年人的难处。`,
  '我们幸福里小区居民一致要求保留东门菜市场。菜市场搬迁以后，老年人买菜要多走两公里，很不方便。',
  A.replace('菜市场搬迁', '菜场搬迁').replace('保留菜市场', '保留菜场'),
  `${A}联系电话13912345678`,
  A.replace('两公里', '三公里').replace('很不方便', '非常不方便').replace('规范周边停车', '规范周边的停车秩序'),
  A.replace('我们', '我'),
  `我是王大爷，${A}`,
  A.replace(/，/g, ' ').replace(/。/g, ' '),
];

const campaignB: string[] = [
  B,
  B,
  `${B}望采纳。`,
  B.replace('坚决反对', '反对'),
  B.replace('非常困难', '很困难').replace('都更不方便', '都不方便'),
  B.replace('！', '。'),
  `${B}——老城区一居民`,
  '老城区道路狭窄，老旧小区没有地下车库，居民停车本来就非常困难。坚决反对在老城区取消路边停车位！取消车位会让老人看病、孩子上学都更不方便。请保留现有车位，并在周边增建立体停车场。',
  `${B}我们小区三百多户只有四十个车位，晚上回来根本没地方停。`,
  '坚决反对在老城区取消路边停车位！老城区道路狭窄，老旧小区没有地下车库，居民停车本来就非常困难。请保留现有车位。',
  B.replace('立体停车场', '立体车库'),
  `第十二条：${B}`,
  B.replace('孩子上学', '小孩上学').replace('老人看病', '老年人看病'),
  `${B}另外，建议晚上八点以后路边停车免费，方便下班回家的居民。我们单位在新区，每天下班回到老城区都要绕好几圈找车位，非常辛苦。`,
];

const campaignC: string[] = [
  C,
  C,
  `${C}谢谢！`,
  C.replace('强烈要求', '要求'),
  C.replace('集中充电桩', '充电桩'),
  `${C}——幸福里小区3号楼居民`,
  C.replace('楼道飞线充电', '飞线充电'),
  '强烈要求在幸福里小区增设电动自行车集中充电桩，解决飞线充电安全隐患！',
  `${C}现在每天晚上楼道里都拉满了电线。`,
];

const counterCampaign: string[] = [counter, counter, `${counter}谢谢！`, counter.replace('坚决支持', '支持')];

const resubmits: [string, string][] = [
  ['建议第八条的收费标准按时段区分，白天每小时三元，夜间每小时一元。', '更正：建议第八条的收费标准按时段区分，白天每小时三元，夜间（晚八点至早八点）每小时一元。'],
  ['医院周边停车难，建议区人民医院门诊楼后面的空地改建临时停车场。', '医院周边停车难，建议区人民医院门诊楼后面的空地改建为临时停车场，优先给就诊车辆使用。'],
  ['第十五条规定违停第一次只警告不罚款，我觉得太宽松，建议第一次就罚款。', '第十五条规定违停第一次只警告不罚款，我觉得太宽松了，建议第一次就罚款五十元。'],
  ['学校门口接送孩子时段能否允许临时停车十分钟？现在一停就被贴条。', '学校门口接送孩子的时段能否允许临时停车十分钟？现在一停车就被贴条，家长很无奈。'],
  ['希望停车收费全部可以用手机支付，不要再用现金和纸质票据。', '希望停车收费全部可以用手机支付，不要再用现金和纸质票据了，也方便开电子发票。'],
];

const shortSame = ['同意', '同意。', '同意！'];
const shortDistinct = ['完全同意！', '赞成', '不同意'];

const opposite: [string, string][] = [
  ['同意在中心路实行单向通行，可以缓解早晚高峰的拥堵。', '不同意在中心路实行单向通行，会加剧周边道路早晚高峰的拥堵。'],
  ['支持在老城区推行错时共享停车，机关单位的停车场晚上向居民开放。', '反对在老城区推行错时共享停车，机关单位的停车场晚上向居民开放不安全。'],
];

const distinct: string[] = [
  '建议在停车管理办法中明确新能源汽车停车的优惠政策，例如首两小时免费。',
  '第三条中“公共停车场”的定义不清楚，商场自建的停车场算不算公共停车场？建议明确。',
  '建议在老城区多划一些残疾人专用车位，并加强管理，防止被普通车辆占用。',
  '请在停车场入口公示收费标准和投诉电话，很多停车场乱收费没人管。',
  '希望开发一个全区统一的停车APP，可以实时查看各停车场的空余车位。',
  '建议机关事业单位带头开放内部停车场，周末和节假日供市民免费使用。',
  '第二十条规定的罚款金额太高，对于低收入群体负担过重，建议分档处罚。',
  '老旧小区改造时应同步规划停车位，不能只刷墙不解决停车问题。',
  '建议在地铁站和公交枢纽附近建设停车换乘停车场，鼓励市民换乘公共交通。',
  '电动自行车的停放也应该纳入管理办法，现在人行道上到处都是乱停的电动车。',
  '停车场收费应该按分钟计费，不足一小时按一小时收费不合理。',
  '希望对夜间在小区周边道路停放的大货车进行整治，噪音大还影响安全。',
  '建议延长公园停车场的免费时长，周末带孩子去公园半天就要交二十元。',
  '征求意见稿第七条提到的“智慧停车平台”由谁建设和运营？费用怎么分摊？',
  '建议对停车位实行差异化收费，中心城区高一些，外围低一些，引导车辆分流。',
  '居民区的路边停车位能否给本小区居民办理包月？按月交费可以便宜一些。',
  '出租车和网约车的临时上下客点太少，建议在火车站和医院门口增设。',
  '建议严厉打击私装地锁占用公共车位的行为，我们小区楼下全是地锁。',
  '建设立体停车库的时候要考虑对周边居民采光和噪音的影响，不能离住宅楼太近。',
  '希望在办法里写明停车收费收入的用途，并每年公开收支情况。',
  '停车诱导屏很多都坏了，显示的空余车位和实际不符，建议定期维护。',
  '建议对占用消防通道停车的行为加大处罚力度，出了事后果不堪设想。',
  '学校周边道路上下学时段禁止停车，但可以设置即停即走区。',
  '农贸市场周边早市期间车辆乱停严重，建议早上安排交警疏导。',
  '建议共享单车的停放区和机动车停车位分开划线，避免互相占用。',
  '希望给外卖和快递车辆设置专门的临时停靠点，他们停在路边也是没办法。',
  '我认为应该控制老城区机动车总量，单纯增加停车位只会吸引更多车辆进城。',
  '请在征求意见稿中补充对停车场经营者的监管条款，包括服务质量考核。',
  '新建住宅小区的车位配比应该提高到每户一点五个，现在一户一个根本不够。',
  '人行道上停车严重影响行人和盲道通行，建议全面禁止人行道停车。',
  '建议免费停车时间从十五分钟延长到三十分钟，方便临时办事。',
  '管理办法对医院、学校等特殊区域的停车没有专门规定，建议单列一章。',
  '停车收费的发票开具很麻烦，建议全部实现电子发票。',
  '希望在冬季下雪天允许在部分路段临时停车，方便居民清雪。',
  '第十条“可以”改为“应当”，否则对停车场经营者没有约束力。',
  '老城区可以利用拆迁后的空地建设临时停车场，成本低见效快。',
  '建议把征求意见的时间延长，很多老年人不会上网，不知道这件事。',
  '征求意见稿全文太长，建议配一个图解说明，让普通市民看得懂。',
  '请问办法实施以后，现有的免费停车场会不会开始收费？',
  '建议停车场为电动汽车预留不少于百分之十的充电车位。',
  '景区周边节假日停车难，建议开通景区接驳公交。',
  '有些停车场晚上没有照明，停车取车都不安全，请督促整改。',
  '违停拍照抓拍应当先短信提醒，给车主五分钟挪车的时间。',
  '小区内部道路停车由业主自治管理，政府不宜过多干预。',
  '建议对长期占用公共车位的“僵尸车”制定清理办法。',
  '第二十五条关于信用惩戒的规定是否有上位法依据？请说明。',
  '我住在中心路，每天晚上路边都停满了车，救护车都开不进来。',
  '建议在医院设立预约停车，看病的人可以提前预约车位。',
];

export const LABELLED: Labelled[] = [
  ...campaignA.map((text) => ({ text, label: 'A', kind: 'campaign' as const })),
  ...campaignB.map((text) => ({ text, label: 'B', kind: 'campaign' as const })),
  ...campaignC.map((text) => ({ text, label: 'C', kind: 'campaign' as const })),
  ...counterCampaign.map((text) => ({ text, label: 'B-counter', kind: 'counter' as const })),
  ...resubmits.flatMap(([a, b], i) => [{ text: a, label: `R${i}`, kind: 'resubmit' as const }, { text: b, label: `R${i}`, kind: 'resubmit' as const }]),
  ...shortSame.map((text) => ({ text, label: 'S', kind: 'short' as const })),
  ...shortDistinct.map((text, i) => ({ text, label: `s${i}`, kind: 'distinct' as const })),
  ...opposite.flatMap(([a, b], i) => [{ text: a, label: `O${i}+`, kind: 'opposite' as const }, { text: b, label: `O${i}-`, kind: 'opposite' as const }]),
  ...distinct.map((text, i) => ({ text, label: `d${i}`, kind: 'distinct' as const })),
];
