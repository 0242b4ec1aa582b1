// Who may see and edit the 政府公报: the admin and the auditor read every issue of the area, the admin (and the
// CLI) compile, publish and withdraw them — enforced in gazette.service with requireAreaReader / requireAdmin.
import { isAdminUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';

/** Show the controls that create issues, edit a draft's table of contents, publish and withdraw. */
export const canEditGazette = (actor: Actor): boolean => isAdminUser(actor);
