// Front door of the site module: the public base URL and the identity other modules may read.
export { publicBaseUrl, publicHost } from './base-url.js';
export { loadSettings as siteSettings, type SiteSettings } from './identity.js';
