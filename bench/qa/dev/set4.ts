// Development set, batch 4 (written 2026-12-02 03:10 UTC, after the judged run of that morning and without looking at
// the judged set's questions or results): curated entries the way the API creates them — one question, no
// alternative phrasings — on the documents of batches 1–3, each asked in two everyday paraphrases, and more
// questions no document answers. Its figures were first taken before any tuning on it.
import type { CuratedEntry } from '../questions.js';

export const DEV4_ENTRIES: CuratedEntry[] = [
  { question: '残疾人两项补贴可以同时领吗', alt: [], answer: '同时符合条件的可以同时申领；已领工伤保险生活护理费的，不再领护理补贴。', doc: 'disab', article: 5,
    paraphrases: ['我既是低保又是一级残疾，两样补贴都能拿吗', '领了生活补贴还能再领护理补贴不'] },
  { question: '残疾人补贴从什么时候开始发', alt: [], answer: '审定通过的，从受理申请的当月起计发，按月发到本人社保卡。', doc: 'disab', article: 7,
    paraphrases: ['残疾补贴批下来以后从哪个月开始给钱'] },
  { question: '公积金能用来付房租吗', alt: [], answer: '本市无自有住房且租房自住的，每年可提取一次，每次不超过1.5万元。', doc: 'fund', article: 2,
    paraphrases: ['没买房在外面租房，住房公积金能取出来吗', '租房子住每年能提几次公积金'] },
  { question: '离职后公积金怎么取', alt: [], answer: '与单位终止劳动关系满6个月且未重新就业的，可以申请销户提取全部住房公积金。', doc: 'fund', article: 4,
    paraphrases: ['辞职半年了还没找到工作，公积金能全部拿出来吗'] },
  { question: '哪些情况可以申请临时救助', alt: [], answer: '因火灾、交通事故、突发重大疾病等意外导致基本生活暂时严重困难的家庭或个人。', doc: 'relief', article: 2,
    paraphrases: ['家里遭了火灾日子过不下去，政府能帮一把吗', '突然得了重病没钱生活，能找谁救急'] },
  { question: '普惠托育机构怎么收费', alt: [], answer: '全日托每月不高于2000元，不得另收赞助费、择园费。', doc: 'nursery', article: 3,
    paraphrases: ['两岁孩子送普惠托儿所，一个月学费最多多少'] },
  { question: '危房改造后房子能盖多大', alt: [], answer: '1至2人户原则上不超过40平方米，3人户不超过60平方米。', doc: 'rural', article: 4,
    paraphrases: ['家里三口人，危房重建能建多少平方'] },
  { question: '女职工产假能延长多少天', alt: [], answer: '在国家规定产假基础上延长60天，产假期间工资照发。', doc: 'leave', article: 2,
    paraphrases: ['在事业单位上班，生孩子能多休几天产假', '机关女同志生育产假多给几天'] },
  { question: '育儿假一年几天', alt: [], answer: '子女3周岁以内的，夫妻双方每年各10天，可以分次休。', doc: 'leave', article: 4,
    paraphrases: ['孩子两岁，爸妈每年各能请几天育儿假'] },
  { question: '低保对象去世有丧葬补助吗', alt: [], answer: '城乡特困人员、低保对象去世的，在基本殡葬费用减免外另给1000元丧葬补助。', doc: 'funeral', article: 6,
    paraphrases: ['低保户老人过世了，除了火化免费还有别的补助吗'] },
  { question: '加装电梯的费用怎么分摊', alt: [], answer: '业主按所在楼层、面积等因素协商分摊，可以提取本人及配偶的住房公积金支付。', doc: 'lift', article: 4,
    paraphrases: ['楼里装电梯，住一楼和六楼的出钱一样多吗'] },
  { question: '技能补贴审核要多久', alt: [], answer: '区人社局自受理之日起20个工作日内审核，补贴发放到本人社保卡。', doc: 'skill', article: 6,
    paraphrases: ['交了技能补贴申请，大概多长时间能审完'] },
  { question: '养犬每户能养几只', alt: [], answer: '每户限养一只犬；城区禁止饲养烈性犬、大型犬。', doc: 'dog', article: 3,
    paraphrases: ['城区家里能同时养两条狗吗'] },
  { question: '参保人去世后养老保险个人账户怎么办', alt: [], answer: '个人账户余额可以依法继承，由继承人持死亡证明到镇、街道社保所办理。', doc: 'pension', article: 7,
    paraphrases: ['我爸交的居民养老保险，人走了账户里的钱家里能领回来吗'] },
];

/** No dev document answers these; each shares words with a dev document. */
export const DEV4_UNANSWERABLE: string[] = [
  '残疾人证丢了怎么补办', '公积金贷款利率是多少', '托育机构老师要什么资格证', '产假期间社保谁来交',
  '电梯年检多少钱', '养犬登记可以代办吗', '助学金可以和奖学金一起拿吗', '优待金要交个人所得税吗',
];
