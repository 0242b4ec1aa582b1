import { z } from 'zod';
import { intId, oneOf, optionalText, text } from '../lib/validate.js';
import { passwordProblem } from '../auth/public.js';

export const UNIT_KINDS = ['区直部门', '镇', '街道', '其他'] as const;
export const ROLES = ['admin', 'unit_operator', 'unit_reviewer', 'auditor'] as const;

export const unitInput = z.object({
  name: text('单位名称', { max: 60 }),
  code: text('单位代码', { max: 30 }).refine((s) => /^[A-Za-z0-9-]+$/.test(s), '单位代码只能包含字母、数字和连字符'),
  kind: oneOf('单位类型', UNIT_KINDS),
});

export const userInput = z.object({
  username: text('用户名', { min: 3, max: 40 }).refine((s) => /^[A-Za-z0-9_.-]+$/.test(s), '用户名只能包含字母、数字、下划线、点和连字符'),
  displayName: text('姓名', { max: 40 }),
  role: oneOf('角色', ROLES),
  unitId: intId('所属单位'),
  password: optionalText('初始密码', 200),
  /** Only the system actor (CLI set-up, tests, demo accounts) may create a user without a forced first change. */
  mustChangePassword: z.boolean().optional(),
}).superRefine((v, ctx) => {
  const problem = v.password === undefined ? null : passwordProblem(v.password, v.username);
  if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
});

export const userUpdateInput = z.object({
  displayName: text('姓名', { max: 40 }),
  role: oneOf('角色', ROLES),
  unitId: intId('所属单位'),
  disabled: z.preprocess((v) => v === 'on' || v === '1' || v === true || v === 1, z.boolean()),
});

export type UnitInput = z.output<typeof unitInput>;
export type UserInput = z.output<typeof userInput>;
