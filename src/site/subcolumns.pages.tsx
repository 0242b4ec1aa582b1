// Public pages of 政府信息公开: the platform index (/zfxxgk), each body's four sub-columns.
import type { Child } from '#jsx/jsx-runtime';
import type { PageMeta } from '../web/components/layout.js';
import { PortalLayout } from '../web/components/layout.js';
import { Breadcrumb, ItemList, Pager, type PublicListRow } from '../portal/public.js';
import type { Body, GuideVersion, StatutoryRow } from './subcolumns.service.js';
import { OFFICE_LABELS } from './subcolumns.service.js';

export const SUBCOLUMNS = [
  { path: 'guide', name: '政府信息公开指南', desc: '信息分类与编排体系、获取方式、依申请公开程序、监督和救济' },
  { path: 'rules', name: '政府信息公开制度', desc: '本机关政府信息公开工作制度' },
  { path: 'statutory', name: '法定主动公开内容', desc: '《政府信息公开条例》第二十条、第二十一条规定的主动公开内容' },
  { path: 'reports', name: '政府信息公开年报', desc: '政府信息公开工作年度报告' },
] as const;
export type SubPath = typeof SUBCOLUMNS[number]['path'];

const base = (b: Body) => `/zfxxgk/${b.id}`;
const crumbs = (b: Body, label?: string) => [
  { href: '/zfxxgk', label: '政府信息公开' },
  ...(label ? [{ href: base(b), label: b.name }, { label }] : [{ label: b.name }]),
];

/** The four sub-columns in the same order for every body (国办公开办函〔2019〕61号: 统一名称、统一格式). */
const SubNav = (p: { body: Body; current?: SubPath }) => (
  <nav class="gk-tabs" aria-label={`${p.body.name}政府信息公开栏目`}>
    <ul>{SUBCOLUMNS.map((s) => <li><a href={`${base(p.body)}/${s.path}`} aria-current={p.current === s.path ? 'page' : undefined}>{s.name}</a></li>)}</ul>
  </nav>
);

export const PlatformIndexPage = (p: { meta: PageMeta; district: Body; departments: Body[]; towns: Body[] }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={[{ label: '政府信息公开' }]} />
    <h1>政府信息公开</h1>
    <p>{p.district.name}及其部门、镇（街道）通过本平台统一公开政府信息，各机关均设政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报四个栏目。</p>
    <h2>{p.district.name}</h2>
    <ul class="gk-subcolumns">{SUBCOLUMNS.map((s) => <li><a href={`${base(p.district)}/${s.path}`}>{s.name}</a><br /><span class="gk-muted">{s.desc}</span></li>)}</ul>
    <div class="gk-columns">
      <section aria-labelledby="h-depts"><h2 id="h-depts">部门信息公开</h2>
        <ul class="gk-linklist">{p.departments.map((b) => <li><a href={base(b)}>{b.name}</a></li>)}</ul></section>
      <section aria-labelledby="h-towns"><h2 id="h-towns">镇（街道）信息公开</h2>
        <ul class="gk-linklist">{p.towns.map((b) => <li><a href={base(b)}>{b.name}</a></li>)}</ul></section>
    </div>
  </PortalLayout>
);

export const BodyIndexPage = (p: { meta: PageMeta; body: Body }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={crumbs(p.body)} />
    <h1>{p.body.name}政府信息公开</h1>
    <ul class="gk-subcolumns">{SUBCOLUMNS.map((s) => <li><a href={`${base(p.body)}/${s.path}`}>{s.name}</a><br /><span class="gk-muted">{s.desc}</span></li>)}</ul>
    <p><a href={`/units/${p.body.id}`}>{p.body.name}发布的全部信息</a> · <a href={`/catalog?unit=${p.body.id}`}>按公开目录浏览</a></p>
  </PortalLayout>
);

const v = (s: string) => s || '（尚未配置）';

export const GuidePage = (p: { meta: PageMeta; guide: GuideVersion }) => {
  const g = p.guide.content;
  const o = g.office;
  const top = g.catalog.filter((c) => c.depth === 0);
  const Sec = (q: { id: string; title: string; children?: Child }) => <section aria-labelledby={q.id}><h2 id={q.id}>{q.title}</h2>{q.children}</section>;
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={crumbs(g.body, '政府信息公开指南')} />
      <h1>{g.body.name}政府信息公开指南</h1>
      <SubNav body={g.body} current="guide" />
      <p class="gk-notice">更新日期：<time datetime={p.guide.updatedOn}>{p.guide.updatedOn}</time>（第{p.guide.version}版）。本指南依据《中华人民共和国政府信息公开条例》（国务院令第711号）编制，由本平台根据机关信息和平台实际运行方式生成，相关信息变化时自动更新。</p>
      <div class="gk-guide">
        <Sec id="g1" title="一、政府信息公开工作机构">
          <table class="gk-table gk-meta-table"><caption class="visually-hidden">工作机构联系方式</caption><tbody>
            {(['officeName', 'address', 'postcode', 'hours', 'phone', 'fax', 'email'] as const).map((k) => <tr><th scope="row">{OFFICE_LABELS[k]}</th><td>{v(o[k])}</td></tr>)}
            <tr><th scope="row">网上联系方式</th><td><a href="/zfxxgk">{g.siteName}门户网站“政府信息公开”专栏</a></td></tr>
          </tbody></table>
        </Sec>
        <Sec id="g2" title="二、政府信息的分类与编排体系">
          <p>本机关主动公开的政府信息按《条例》第二十条、第二十一条规定的法定主动公开内容和下列公开目录分类（共{g.catalog.length}类），并按国务院公文主题分类标注主题：</p>
          <ul class="gk-linklist gk-linklist--inline">{top.map((c) => <li>{c.name}</li>)}</ul>
          <p>每条信息有唯一的索引号，格式为“{g.indexFormat}”（机构代码、信息生成年份、顺序号）。目录中每条信息列明索引号、名称、发布机构、文号、成文日期、发布日期、主题分类，规范性文件另标有效性，可在<a href={`/zfxxgk/${g.body.id}/statutory`}>法定主动公开内容</a>和<a href="/search">全文检索</a>中按标题、文号、索引号查找。</p>
        </Sec>
        <Sec id="g3" title="三、主动公开">
          <p>主动公开的政府信息自该信息形成或者变更之日起20个工作日内在本平台公开（法律、法规对期限另有规定的从其规定；行政处罚决定按规定在7个工作日内公开）。发布日期为审核签发当日，由系统自动记录。</p>
          <p>公开渠道：{g.siteName}门户网站“政府信息公开”专栏、政府公报、新闻发布会，以及{v(o.readingRoom)}。公众可通过RSS订阅获取最新信息。</p>
        </Sec>
        <Sec id="g4" title="四、依申请公开">
          <p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请应当采用书面形式（包括信件、数据电文），内容包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的形式要求（纸质或电子，邮寄、电子邮件或自行领取）。采用书面形式确有困难的，可以口头提出，由工作机构代为填写申请。不需要说明申请用途。</p>
          <ul>
            <li>当面申请：办公时间（{v(o.hours)}）到{v(o.address)}提交。</li>
            <li>信函申请：邮寄至{v(o.address)}{o.postcode ? `（邮政编码${o.postcode}）` : ''}，请在信封左下角注明“政府信息公开申请”字样。</li>
            <li>传真申请：传真至{v(o.fax)}，并注明“政府信息公开申请”。</li>
            <li>网上申请：通过本平台在线提交或发送电子邮件至{v(o.email)}。</li>
            <li>本机关不受理电话申请，但可通过{v(o.phone)}咨询。有阅读困难或者视听障碍的申请人可通过电话或当面获得帮助。</li>
          </ul>
          <p>收到申请的时间：当面提交的，以提交之日为收到之日；邮寄的，以签收之日为收到之日；通过互联网或传真提交的，以双方确认之日为收到之日。</p>
          <p>答复期限：能够当场答复的当场答复；不能当场答复的，自收到申请之日起20个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过20个工作日。申请内容不明确的，自收到申请之日起7个工作日内一次性告知补正，答复期限自收到补正后的申请之日起计算。征求第三方和其他机关意见所需时间（15个工作日）不计算在期限内。</p>
          <p>收费：依申请提供政府信息不收取费用。申请数量、频次明显超过合理范围的，按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费。</p>
        </Sec>
        <Sec id="g5" title="五、监督和救济">
          <p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者{g.areaName}人民政府办公室（政府信息公开工作主管部门）投诉、举报；也可以自知道该行为之日起60日内向{g.reconsideration}申请行政复议，或者自知道或应当知道该行为之日起6个月内依法向人民法院提起行政诉讼。</p>
        </Sec>
        {p.guide.history.length > 1 ? (
          <section aria-labelledby="g6"><h2 id="g6">历次更新</h2>
            <ul class="gk-linklist">{p.guide.history.map((h) => <li>第{h.version}版：<time datetime={h.updatedOn}>{h.updatedOn}</time></li>)}</ul></section>
        ) : null}
      </div>
    </PortalLayout>
  );
};

export const RulesPage = (p: { meta: PageMeta; body: Body; list: { rows: PublicListRow[]; total: number; page: number; pages: number } }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={crumbs(p.body, '政府信息公开制度')} />
    <h1>{p.body.name}政府信息公开制度</h1>
    <SubNav body={p.body} current="rules" />
    <p role="status">共 {p.list.total} 件</p>
    <ItemList rows={p.list.rows} empty="本机关暂未发布政府信息公开制度。" />
    <Pager page={p.list.page} pages={p.list.pages} base={`${base(p.body)}/rules`} />
  </PortalLayout>
);

export const StatutoryPage = (p: { meta: PageMeta; body: Body; rows: StatutoryRow[] }) => {
  const row = (r: StatutoryRow) => (
    <tr>
      <th scope="row">{r.article === 20 ? `第二十条${r.no}` : '第二十一条'}</th>
      <td>{r.title}</td>
      <td>{r.columns.length ? <ul class="gk-linklist">{r.columns.map((c) => <li><a href={`/catalog?category=${encodeURIComponent(c.code)}&unit=${p.body.id}`}>{c.name}</a>（{c.n}）</li>)}</ul> : '—'}</td>
      <td>{r.latest ? <time datetime={r.latest}>{r.latest}</time> : <span class="gk-muted">暂无信息</span>}</td>
    </tr>
  );
  return (
    <PortalLayout meta={p.meta}>
      <Breadcrumb items={crumbs(p.body, '法定主动公开内容')} />
      <h1>{p.body.name}法定主动公开内容</h1>
      <SubNav body={p.body} current="statutory" />
      <p>按《中华人民共和国政府信息公开条例》第二十条、第二十一条逐项列出本机关应当主动公开的内容及其所在栏目。</p>
      <table class="gk-table">
        <caption>法定主动公开内容目录</caption>
        <thead><tr><th scope="col">条款</th><th scope="col">公开内容</th><th scope="col">栏目（信息数）</th><th scope="col">最近发布</th></tr></thead>
        <tbody>{p.rows.map(row)}</tbody>
      </table>
    </PortalLayout>
  );
};

export const ReportsPage = (p: { meta: PageMeta; body: Body; reports: { year: number; title: string; href: string; publishedOn: string }[]; allReports: boolean }) => (
  <PortalLayout meta={p.meta}>
    <Breadcrumb items={crumbs(p.body, '政府信息公开年报')} />
    <h1>{p.body.name}政府信息公开年报</h1>
    <SubNav body={p.body} current="reports" />
    <p>区政府部门于每年1月31日前、区人民政府于每年3月31日前公布上一年度政府信息公开工作年度报告。</p>
    {p.reports.length ? (
      <ul class="gk-item-list">{p.reports.map((r) => <li><a href={r.href}>{r.title}</a> <span class="gk-item-list__meta"><time datetime={r.publishedOn}>{r.publishedOn}</time></span></li>)}</ul>
    ) : <p class="gk-muted">暂无已发布的年度报告。</p>}
    {p.allReports ? <p><a href="/reports/annual">全部机关的政府信息公开工作年度报告</a></p> : null}
  </PortalLayout>
);
