/**
 * The HTTP application: the JSON API under /api (OpenAPI at /api/openapi.json, docs at
 * /api/docs) and the web UI's static files at /, all in one process.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Runtime } from '../platform/runtime.js';
import { noSuchEndpoint, registerErrorHandler } from './errors.js';
import { healthRoutes } from './routes/health.routes.js';
import { regionRoutes } from '../modules/regions/region.routes.js';
import { registryRoutes } from '../modules/registry/registry.routes.js';
import { accessRoutes } from '../modules/access/access.routes.js';
import { policyRoutes } from '../modules/policy/policy.routes.js';
import { assessmentRoutes } from '../modules/recognition/assessment.routes.js';
import { catalogRoutes } from '../modules/catalog/catalog.routes.js';
import { ingestRoutes } from '../modules/ingest/ingest.routes.js';
import { calendarRoutes } from '../modules/monitoring/calendar/calendar.routes.js';
import { monitoringRoutes } from '../modules/monitoring/monitoring.routes.js';
import { caseRoutes } from '../modules/cases/cases.routes.js';
import { intakeRoutes } from '../modules/cases/intake/intake.routes.js';
import { DEFAULT_PUBLIC_LIMITS, type PublicLimits } from '../platform/config.js';
import { assistanceRoutes } from '../modules/assistance/assistance.routes.js';
import { paymentRoutes } from '../modules/payments/payments.routes.js';
import { registerAuth } from './auth.js';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));
export const VERSION = '0.1.0';

export interface AppOptions {
  logger?: boolean | object;
  /** Requests per hour and client address on the public application routes. */
  publicLimits?: PublicLimits;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
}

export async function buildApp(rt: Runtime, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    // Personal data never travels in a URL (search and lookup are POST bodies), so request
    // logs, which carry the URL, hold none.
    requestIdHeader: 'x-request-id',
    trustProxy: opts.trustProxy ?? false,
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  registerAuth(app, rt);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Safety Net API · 低收入人口动态监测与分层分类救助平台', version: VERSION },
      tags: [
        { name: 'system', description: '系统 / system' },
        { name: 'regions', description: '行政区划 / administrative divisions' },
        { name: 'registry', description: '低收入人口库 / low-income population registry' },
        { name: 'access', description: '用户、登录与审计 / users, sign-in and audit' },
        { name: 'policy', description: '政策参数 / policy parameters' },
        { name: 'recognition', description: '分层认定 / identification' },
        { name: 'catalog', description: '数据共享目录 / data-sharing catalog' },
        { name: 'ingest', description: '部门数据上传 / department data uploads' },
        { name: 'calendar', description: '工作日历 / working-day calendar' },
        { name: 'monitoring', description: '动态监测预警 / monitoring and early warning' },
        { name: 'cases', description: '救助申请、困难上报与救助案件：核查、认定、救助、跟踪 / applications, reports and cases: verification, recognition, assistance, follow-up' },
        { name: 'assistance', description: '救助帮扶：项目、匹配、转介、台账 / assistance: programs, matching, referrals, the ledger' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes(rt), { prefix: '/api' });
  await app.register(regionRoutes(rt), { prefix: '/api' });
  await app.register(registryRoutes(rt), { prefix: '/api' });
  await app.register(accessRoutes(rt), { prefix: '/api' });
  await app.register(policyRoutes(rt), { prefix: '/api' });
  await app.register(assessmentRoutes(rt), { prefix: '/api' });
  await app.register(catalogRoutes(rt), { prefix: '/api' });
  await app.register(ingestRoutes(rt), { prefix: '/api' });
  await app.register(calendarRoutes(rt), { prefix: '/api' });
  await app.register(monitoringRoutes(rt), { prefix: '/api' });
  await app.register(caseRoutes(rt), { prefix: '/api' });
  await app.register(intakeRoutes(rt, opts.publicLimits ?? DEFAULT_PUBLIC_LIMITS), { prefix: '/api' });
  await app.register(assistanceRoutes(rt), { prefix: '/api' });
  await app.register(paymentRoutes(rt), { prefix: '/api' });

  await registerWeb(app);
  return app;
}

/** The built web UI, with index.html for client-side routes. */
async function registerWeb(app: FastifyInstance): Promise<void> {
  const built = fs.existsSync(WEB_DIST + 'index.html');
  // wildcard: files are looked up per request, so a rebuild of dist/web is served without a restart.
  if (built) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true });
  app.setNotFoundHandler((request, reply) => {
    const file = request.url.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(request.url.split('?')[0]);
    if (request.method !== 'GET' || request.url.startsWith('/api') || file) return reply.status(404).send(noSuchEndpoint(request.method, request.url));
    if (built) return reply.sendFile('index.html');
    return reply.type('text/plain; charset=utf-8').send('前端未构建，请运行 npm run build:web / web UI not built: run `npm run build:web`');
  });
}
