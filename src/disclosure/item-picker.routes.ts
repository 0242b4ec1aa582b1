// GET /api/v1/items/pick — the search-as-you-type source of the item pickers (src/web/static/picker.js).
// Read-only, session or bearer; rows pass the item policy (item-picker.service.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireUser } from '../auth/policy.js';
import { optionalText, oneOf, parseInput, strictNumberInput } from '../lib/validate.js';
import { documentApi } from '../web/http.js';
import { PICK_PURPOSES, pickItems, pickJson } from './item-picker.service.js';

const pickQuery = z.object({
  for: oneOf('用途', PICK_PURPOSES),
  q: optionalText('查找内容', 100),
  except: z.preprocess((v) => (v === undefined || v === '' ? undefined : strictNumberInput(v)), z.number({ error: '排除的编号无效' }).int('排除的编号无效').positive('排除的编号无效').optional()),
  limit: z.preprocess((v) => (v === undefined || v === '' ? undefined : strictNumberInput(v)), z.number({ error: '条数无效' }).int('条数无效').min(1, '条数无效').max(50, '条数最多50').optional()),
});

export async function itemPickerRoutes(app: FastifyInstance): Promise<void> {
  documentApi({
    method: 'GET', url: '/api/v1/items/pick',
    summary: `查找可选的已发布政府信息（按标题、文号、索引号、发布机构）：for=${PICK_PURPOSES.join('|')}（修改或废止的新文件 | 台账佐证 | 公报收录 | 特色主题）、q、except、limit（≤50，默认10）。只返回本人可查看的信息或已主动公开的信息`,
    roles: '已登录',
  });
  app.get('/api/v1/items/pick', async (req, reply) => {
    const actor = requireUser(req.ctx.actor);
    const input = parseInput(pickQuery, req.query);
    const rows = input.q ? await pickItems(req.ctx, { purpose: input.for, q: input.q, areaId: actor.areaId, exceptId: input.except, limit: input.limit ?? 10 }) : [];
    reply.header('cache-control', 'private, no-store');
    return { data: rows.map(pickJson) };
  });
}
