// Front door of the plan module: plans, their tasks and responsible units.
export { coveredByGroups, exclusionsOfPlan, findPlan, GROUP_KINDS, listPlans, taskRolesForUnit } from './plan.repo.js';
export { importPlan } from './plan.service.js';
