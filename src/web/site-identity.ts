// The site's identity as the page shells show it (footer identifiers, standard meta tags). The site
// module (src/site) owns the settings and installs a provider at start; until then the defaults apply.
export type SiteIdentity = {
  /** 网站名称 (SiteName), e.g. 淄博市临淄区人民政府. */
  siteName: string;
  /** The public domain (SiteDomain), e.g. www.linzi.gov.cn. */
  siteDomain: string;
  /** 政府网站标识码 (SiteIDCode), 10 characters. */
  siteCode: string;
  sponsor: string;
  organizer: string;
  icp: string;
  icpUrl: string;
  psb: string;
  psbUrl: string;
  conacUrl: string;
};

export const DEFAULT_IDENTITY: SiteIdentity = {
  siteName: '淄博市临淄区人民政府',
  siteDomain: 'www.linzi.gov.cn',
  siteCode: '3703050001',
  sponsor: '淄博市临淄区人民政府办公室',
  organizer: '淄博市临淄区大数据中心',
  icp: '鲁ICP备05000000号',
  icpUrl: 'https://beian.miit.gov.cn/',
  psb: '鲁公网安备 37030502000001号',
  psbUrl: 'https://beian.mps.gov.cn/#/query/webSearch?code=37030502000001',
  conacUrl: 'https://bszs.conac.cn/sitename?method=show&id=0',
};

let provider: () => SiteIdentity = () => DEFAULT_IDENTITY;
export const setSiteIdentityProvider = (p: () => SiteIdentity) => {
  provider = p;
};
/** The current identity (synchronous: the provider keeps a cache). */
export const siteIdentity = (): SiteIdentity => provider();
