// The identity the page shells render, cached per database (light: module.ts installs the provider at start).
import type { Db } from '../db/schema.js';
import { DEFAULT_IDENTITY, setSiteIdentityProvider, type SiteIdentity } from '../web/site-identity.js';

const TTL_MS = 30_000;
const cache = new WeakMap<Db, { at: number; value: SiteIdentity }>();
let active: SiteIdentity = DEFAULT_IDENTITY;

export const cached = <T extends SiteIdentity>(db: Db): T | null => {
  const hit = cache.get(db);
  return hit && Date.now() - hit.at < TTL_MS ? hit.value as T : null;
};
export const activate = (v: SiteIdentity) => {
  active = v;
};
export const remember = (db: Db, value: SiteIdentity) => {
  cache.set(db, { at: Date.now(), value });
  active = value;
};
export const installIdentityProvider = () => setSiteIdentityProvider(() => active);
