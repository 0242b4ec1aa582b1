// Routes of the disclosure module: item console pages and API, review queue, compliance, categories,
// gazette management, attachment downloads.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app/module.js';
import { attachmentRoutes } from './attachments.routes.js';
import { disclosurePageRoutes } from './disclosure-pages.routes.js';
import { gazetteRoutes } from './gazette.routes.js';
import { historicImportRoutes } from './historic-import.routes.js';
import { itemApiRoutes } from './items.api.js';
import { itemPickerRoutes } from './item-picker.routes.js';
import { itemPageRoutes } from './items.routes.js';

export async function disclosureRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await disclosurePageRoutes(app);
  await historicImportRoutes(app); // before /console/items/:id
  await itemPageRoutes(app, deps);
  await itemApiRoutes(app, deps);
  await gazetteRoutes(app);
  await attachmentRoutes(app, deps);
  await itemPickerRoutes(app);
}
