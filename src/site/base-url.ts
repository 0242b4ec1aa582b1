// The public base URL: the validated `config.publicBaseUrl` (PUBLIC_BASE_URL, default
// http://127.0.0.1:<PORT>), installed at start by the site module's init. Absolute links in meta tags use it,
// never the request's Host header. Without a configured app (a bare script), the environment is read.
let configured: string | null = null;
export function setPublicBaseUrl(url: string | null): void {
  configured = url ? url.replace(/\/+$/, '') : null;
}

export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  if (configured) return configured;
  const v = env.PUBLIC_BASE_URL?.trim();
  if (!v || !/^https?:\/\/[^\s/]+/.test(v)) return null;
  return v.replace(/\/+$/, '');
}

/** The host part of the base URL (SiteDomain), or null. */
export const publicHost = (env: NodeJS.ProcessEnv = process.env): string | null => {
  const b = publicBaseUrl(env);
  return b ? new URL(b).host : null;
};
