import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { FastifyPluginAsync } from 'fastify';
import adminRoutes from './admin.routes.js';
import caseListRoutes from './case-list.routes.js';
import goldenCasesRoutes from './golden-cases.routes.js';
import casePageRoutes from './case-page.routes.js';
import routingSimulateRoutes from './routing-simulate.routes.js';
import routingEditorRoutes from './routing-editor.routes.js';
import signInRoutes from './sign-in.routes.js';
import { staffContextOf } from './staff-context.js';
import statisticsPageRoutes from './statistics-page.routes.js';
import { useStaffSessions } from './staff-sessions.hooks.js';
import workRoutes from './work.routes.js';

/**
 * The staff pages: sessions and their hooks first, then each group of pages in a plugin
 * of its own, which inherits the hooks and the error page.
 */
const staffRoutes: FastifyPluginAsync = async (app) => {
  const context = staffContextOf(app.config, app.pageAssets.links);
  await app.register(cookie);
  await app.register(formbody);
  useStaffSessions(app, context);
  await app.register(signInRoutes, { context });
  await app.register(workRoutes, { context });
  await app.register(casePageRoutes, { context });
  await app.register(caseListRoutes, { context });
  await app.register(statisticsPageRoutes, { context });
  await app.register(adminRoutes, { context });
  await app.register(routingSimulateRoutes, { context });
  await app.register(goldenCasesRoutes, { context });
  await app.register(routingEditorRoutes, { context });
};

export default staffRoutes;
