// OpenAPI 3.1 document built from the routes' own declarations (documentApi calls).
import { ERROR_CODES } from '../lib/error-codes.js';
import { ERROR_STATUS } from '../lib/errors.js';
import type { FastifyInstance } from 'fastify';
import { apiDocs } from './http.js';

export function openApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const d of apiDocs) {
    const params = [...d.url.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    paths[d.url] ??= {};
    paths[d.url]![d.method.toLowerCase()] = {
      summary: d.summary,
      description: `权限：${d.roles}`,
      parameters: params,
      ...(d.body ? { requestBody: { content: { 'application/json': { schema: { type: 'object', properties: Object.fromEntries(Object.entries(d.body).map(([k, v]) => [k, { type: 'string', description: v }])) } } } } } : {}),
      responses: {
        '200': { description: '成功：{ "data": … }' },
        '4XX': { description: '错误', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Gongkai 政务公开平台 API', version: '1' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'npx gongkai token create --user <用户名>' } },
      schemas: {
        Error: {
          type: 'object',
          properties: { error: { type: 'object', properties: { code: { type: 'string', enum: Object.keys(ERROR_CODES), description: Object.entries(ERROR_CODES).map(([c, e]) => `${c}（HTTP ${ERROR_STATUS[e.kind]}）：${e.doc}`).join('\n') }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } } },
        },
      },
    },
    paths,
  };
}

export async function apiDocsRoutes(app: FastifyInstance) {
  app.get('/api/docs', async () => openApiDocument());
  app.get('/api/openapi.json', async () => openApiDocument());
}
