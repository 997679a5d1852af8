import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Refusal } from '../domain/refusals.js';
import { boundedBody, oneMiB } from '../http/bounded-body.js';
import type { AppDependencies } from '../http/dependencies.js';
import type { LoginThrottle } from '../use-cases/auth/login-throttle.js';
import { authenticate } from './auth/authenticate.js';
import { codecCors } from './codec-cors.js';
import type { AppEnv } from './context.js';
import { renderDocsPage } from './docs-page.js';
import { handleError, validationHook } from './errors.js';
import { uploadPathPattern } from './multipart-upload.js';
import { openApiDocumentConfig } from './openapi-document.js';
import { problemResponse } from './problem.js';
import { adminImportRoutes, ledgerImportPath } from './routes/admin-import.js';
import { adminRoutes } from './routes/admin-routes.js';
import { selfServiceRoutes } from './routes/admin-self-service.js';
import { authRoutes } from './routes/auth.js';
import { caseAttachmentRoutes } from './routes/case-attachments.js';
import { caseConferenceRoutes } from './routes/case-conferences.js';
import { caseConsentRoutes } from './routes/case-consent.js';
import { caseCourtActionRoutes } from './routes/case-court-actions.js';
import { caseDocumentRoutes } from './routes/case-documents.js';
import { caseFollowThroughRoutes } from './routes/case-follow-through.js';
import { caseGreenChannelRoutes } from './routes/case-green-channel.js';
import { caseHandOffRoutes } from './routes/case-hand-offs.js';
import { caseTransitionRoutes } from './routes/case-transitions.js';
import { caseRoutes } from './routes/cases.js';
import { codecRoutes } from './routes/codec.js';
import { consultationRoutes } from './routes/consultations.js';
import { courtReferralRoutes } from './routes/court-referrals.js';
import { directoryRoutes } from './routes/directory.js';
import { enterpriseEngagementRoutes } from './routes/enterprise-engagements.js';
import { enterpriseOutreachRoutes } from './routes/enterprise-outreach.js';
import { enterpriseRoutes } from './routes/enterprises.js';
import { gridLeadRoutes } from './routes/grid-leads.js';
import { handOffRoutes } from './routes/hand-offs.js';
import { healthRoutes } from './routes/health.js';
import { inboxRoutes } from './routes/inbox.js';
import { institutionAttachmentRoutes } from './routes/institution-attachments.js';
import { policeReferralRoutes } from './routes/police-referrals.js';
import { casePaymentRoutes, prosecutionReferralRoutes } from './routes/prosecution-referrals.js';
import { screeningCampaignRoutes } from './routes/screening-campaigns.js';
import { statisticsRoutes } from './routes/statistics.js';
import { supervisionRoutes } from './routes/supervision.js';
import { refuseUnstorableText } from './text-guard.js';

/**
 * The HTTP API: routes, schemas, authentication and the mapping of refusals to problem+json. Every
 * route validates, authorises and calls a use case. Mounted by the server beside the pages, which
 * share the request context (request id, logger, client address) and the login throttle.
 */
export function createApi(deps: AppDependencies, loginThrottle: LoginThrottle) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  // Every body is read bounded, before anything parses it. The ledger import reads its own upload,
  // with its own limit, once the caller is known to be an admin (api/routes/admin-import.ts).
  // File uploads likewise read theirs after the access check, bounded by the file cap (api/multipart-upload.ts).
  const isLedgerImport = (c: Context) => c.req.path === ledgerImportPath;
  const isUpload = (c: Context) => c.req.method === 'POST' && uploadPathPattern.test(c.req.path);
  const readsOwnBody = (c: Context) => isLedgerImport(c) || isUpload(c);
  const standardBody = boundedBody({ maxBytes: oneMiB, label: '1 MiB' });
  app.use('/v1/*', (c, next) => (readsOwnBody(c) ? next() : standardBody(c, next)));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff token from POST /v1/auth/token, or an institution API key (fst_…)',
  });

  const requireCredentials = authenticate({ db: deps.database.db, tokenSecret: deps.settings.tokenSecret });

  // Every /v1 route needs credentials except logging in; each route then checks who may call it.
  app.use('/v1/*', async (c, next) =>
    c.req.path.startsWith('/v1/auth/') ? next() : requireCredentials(c, next),
  );
  app.use(
    '/v1/*',
    refuseUnstorableText((c) => !readsOwnBody(c)),
  );

  // The Temporal UI's codec endpoint exists only when configured (CODEC_ENDPOINT=on); otherwise /codec
  // is as unknown as any other path. CORS first (a preflight carries no credentials), then the same
  // credentials as /v1, then the body, bounded: a history's payloads can be large (Temporal's own
  // limit is 2 MiB a payload).
  if (deps.codecEndpoint) {
    app.use('/codec/*', codecCors(deps.codecEndpoint), requireCredentials);
    app.use('/codec/*', boundedBody({ maxBytes: 4 * oneMiB, label: '4 MiB' }));
    app.route('/codec', codecRoutes(deps.codecEndpoint));
  }

  app.route('/', healthRoutes(deps));
  app.route('/v1/auth', authRoutes(deps, loginThrottle));
  app.route('/v1/cases', caseRoutes(deps));
  app.route('/v1/cases', caseTransitionRoutes(deps));
  app.route('/v1/cases', caseCourtActionRoutes(deps));
  app.route('/v1/cases', caseAttachmentRoutes(deps));
  app.route('/v1/cases', caseDocumentRoutes(deps));
  app.route('/v1/cases', caseHandOffRoutes(deps));
  app.route('/v1/cases', caseFollowThroughRoutes(deps));
  app.route('/v1/cases', caseConsentRoutes(deps));
  app.route('/v1/cases', caseConferenceRoutes(deps));
  app.route('/v1/cases', caseGreenChannelRoutes(deps));
  app.route('/v1/enterprise-services', enterpriseEngagementRoutes(deps));
  app.route('/v1/enterprise-services', enterpriseOutreachRoutes(deps));
  app.route('/v1/court', courtReferralRoutes(deps));
  app.route('/v1/court', institutionAttachmentRoutes(deps, 'court'));
  app.route('/v1/prosecution', prosecutionReferralRoutes(deps));
  app.route('/v1/prosecution', institutionAttachmentRoutes(deps, 'procuratorate'));
  app.route('/v1/police', policeReferralRoutes(deps));
  app.route('/v1/hand-offs', handOffRoutes(deps));
  app.route('/v1/cases', casePaymentRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/v1/admin', adminImportRoutes(deps));
  app.route('/v1/me', selfServiceRoutes(deps));
  app.route('/v1/inbox', inboxRoutes(deps));
  app.route('/v1/directory', directoryRoutes(deps));
  app.route('/v1/supervision', supervisionRoutes(deps));
  app.route('/v1/statistics', statisticsRoutes(deps));
  app.route('/v1/consultations', consultationRoutes(deps));
  app.route('/v1/enterprises', enterpriseRoutes(deps));
  app.route('/v1/grid-leads', gridLeadRoutes(deps));
  app.route('/v1/screening-campaigns', screeningCampaignRoutes(deps));

  app.doc31('/openapi.json', openApiDocumentConfig);
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document(openApiDocumentConfig))));

  app.notFound((c) =>
    problemResponse(c, new Refusal('not_found', { detail: `No route for ${c.req.method} ${c.req.path}.` })),
  );
  app.onError(handleError);
  return app;
}
