// Front door of the org module: the units tree (市 → 区 → 部门/镇街) and users.
export { actorArea, createUser, ensureDefaultOrg, listUnits, me, resetPassword } from './org.service.js';
export { findUnit, findUnitByName as unitByName, listAreas, listUnitsInArea, unitsUnder, unitsWithActiveRole } from './org.repo.js';
