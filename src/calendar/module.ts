// Working-day calendar: engine, notices, local overrides, deadline calculator.
import type { GongkaiModule } from '../app/module.js';
import { AppError } from '../lib/errors.js';
import { registerCalendarCommands } from './calendar.commands.js';
import { calendarToAppError } from './calendar.service.js';

export const calendarModule: GongkaiModule = {
  name: 'calendar',
  routes: async (app) => (await import('./calendar.routes.js')).calendarRoutes(app),
  commands: registerCalendarCommands,
  nav: [{ href: '/console/calendar', label: '工作日历', order: 10 }],
  errorMapper: (err) => { const e = calendarToAppError(err); return e instanceof AppError ? e : null; },
};
