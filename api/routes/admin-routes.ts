import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import type { AppEnv } from '../context.js';
import { adminCalendarRoutes } from './admin-calendar.js';
import { adminCentrePolicyRoutes } from './admin-centre-policies.js';
import { adminDeadlinePolicyRoutes } from './admin-deadline-policies.js';
import { adminInstitutionRoutes } from './admin-institutions.js';
import { adminTriageStationRoutes } from './admin-triage-stations.js';
import { adminUnitRoutes } from './admin-units.js';
import { adminUserRoutes } from './admin-users.js';

/**
 * /v1/admin: reference data and accounts. Every route is for admins; supervisors may also read units,
 * deadline policies, the holiday calendar and the triage suggestions.
 */
export function adminRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>()
    .route('/units', adminUnitRoutes(deps))
    .route('/users', adminUserRoutes(deps))
    .route('/institutions', adminInstitutionRoutes(deps))
    .route('/deadline-policies', adminDeadlinePolicyRoutes(deps))
    .route('/centre-policies', adminCentrePolicyRoutes(deps))
    .route('/calendar', adminCalendarRoutes(deps))
    .route('/triage-stations', adminTriageStationRoutes(deps));
}
