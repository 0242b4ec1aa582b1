// Background jobs of the disclosure module (registered when the routes load; the scheduler runs them under a lock).
import { registerJob } from '../jobs/jobs.js';
import { expireNormativeDocuments } from './validity.service.js';

export const VALIDITY_JOB = 'disclosure.validity-expiry';

registerJob({
  name: VALIDITY_JOB,
  label: '规范性文件有效期届满失效',
  everyMinutes: 60,
  run: async (ctx) => `${await expireNormativeDocuments(ctx)} 件规范性文件已标记为已失效`,
});
