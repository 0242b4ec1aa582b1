// Notifications (in-app), the mail outbox and SMTP delivery, exactly-once notice bookkeeping.
import type { GongkaiModule } from '../app/module.js';
import { configureMail } from './notify.js';
import { NOTIFY_MIGRATIONS } from './notify.migrations.js';

export const notifyModule: GongkaiModule = {
  name: 'notify',
  migrations: NOTIFY_MIGRATIONS,
  init: (config) => configureMail(config.smtp),
  jobs: [{
    name: 'notify.outbox',
    label: '邮件发件箱投递',
    everyMinutes: 5,
    run: async (ctx) => {
      const r = await (await import('./notify.js')).deliverOutbox(ctx.db);
      return r.sent || r.failed ? `邮件 发送${r.sent} 失败${r.failed}` : '';
    },
  }],
  nav: [{ href: '/console/notifications', label: '通知', order: 80 }],
};
