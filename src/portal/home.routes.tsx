// Public home page of the 政府信息公开专栏.
import type { FastifyInstance } from 'fastify';
import { PortalLayout } from '../web/components/layout.js';
import { pageMeta, sendHtml } from '../web/http.js';

export async function portalHomeRoutes(app: FastifyInstance) {
  app.get('/', async (req, reply) => {
    const meta = pageMeta(req, reply, '首页');
    return sendHtml(reply, (
      <PortalLayout meta={meta}>
        <h1>临淄区政府信息公开专栏</h1>
        <p>本专栏集中发布临淄区人民政府及其部门、镇街道依法主动公开的政府信息。</p>
        <ul class="gk-cards">
          <li><a href="/catalog">法定主动公开内容</a></li>
          <li><a href="/normative">行政规范性文件</a></li>
          <li><a href="/interpretations">政策解读</a></li>
          <li><a href="/gazette">政府公报</a></li>
        </ul>
      </PortalLayout>
    ));
  });
}
