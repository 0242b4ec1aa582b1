// Who may change the working calendar: the admin (and the CLI) import notices and set local overrides —
// enforced in calendar.service with requireAdmin; everyone signed in reads it and uses the calculator.
import { isAdminUser } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';

/** Show the controls that import holiday notices and add or remove local overrides. */
export const canManageCalendar = (actor: Actor): boolean => isAdminUser(actor);
