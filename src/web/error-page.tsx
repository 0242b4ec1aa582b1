import type { FastifyRequest } from 'fastify';
import { PortalLayout } from './components/layout.js';
import { elderOn } from './http.js';
import { anonymous } from '../lib/context.js';

export const renderErrorPage = (req: FastifyRequest, status: number, title: string, message: string) => (
  <PortalLayout meta={{ title, elder: elderOn(req), path: (req.url.split('?')[0] ?? '/'), actor: req.ctx?.actor ?? anonymous }}>
    <h1>{title}</h1>
    <p>{message}</p>
    <p class="gk-muted">错误代码：{status}</p>
    <p><a href="/">返回首页</a>{req.ctx?.actor.kind === 'user' ? <> · <a href="/console">返回工作台</a></> : null}</p>
  </PortalLayout>
);
