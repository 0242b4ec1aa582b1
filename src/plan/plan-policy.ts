// Who may see and change the 年度要点 plan and its task breakdown. Everyone signed in reads the plan; the
// admin (and the CLI) edit it — enforced in plan.service / plan-edit.service with requireAdmin. Unit roles'
// "my tasks" view is always their own unit; the area readers choose a unit.
import { isAdminUser, isAreaReader, requireAdmin } from '../auth/policy.js';
import type { Actor } from '../lib/context.js';

/** Show the controls that edit the plan, its tasks and their units. */
export const canEditPlan = (actor: Actor): boolean => isAdminUser(actor);
/** Editing the plan, its tasks and their units: the admin (401 for anonymous, 403 for other roles). */
export const requireEditPlan = (actor: Actor): void => requireAdmin(actor);

/** The unit whose tasks "my tasks" shows: a unit role's own unit, else the one asked for (or all). */
export const myTasksUnit = (actor: Actor, requested: number | undefined): number | undefined =>
  actor.kind !== 'user' || isAreaReader(actor) ? requested : actor.unitId;
