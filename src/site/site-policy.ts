// Who may do what with the site's self-inspection and settings: the admin and the auditor read the indicator
// sheet; the admin (and the CLI) run it, change its settings, the columns and the 用词检查 dictionary — enforced
// in self-check.service / columns / dictionary with requireAdmin.
import { isAdminUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';

/** Show the controls that run the self-inspection and change the site's settings. */
export const canManageSite = (actor: Actor): boolean => isAdminUser(actor);
