// The public base URL (PUBLIC_BASE_URL), read in one place. The security work adds it to
// src/config/config.ts; the lead unifies the two at merge. Absolute links in meta tags use it,
// falling back to the request's origin only when it is not configured.
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string | null {
  const v = env.PUBLIC_BASE_URL?.trim();
  if (!v || !/^https?:\/\/[^\s/]+/.test(v)) return null;
  return v.replace(/\/+$/, '');
}

/** The host part of the base URL (SiteDomain), or null. */
export const publicHost = (env: NodeJS.ProcessEnv = process.env): string | null => {
  const b = publicBaseUrl(env);
  return b ? new URL(b).host : null;
};
