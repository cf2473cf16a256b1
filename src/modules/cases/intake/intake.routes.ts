/**
 * The discovery channels over HTTP (docs/cases.md): the public self-application and its
 * status (no account; rate-limited per client address), the village worker's report, and the
 * lists officers accept cases from. Access is checked in the services; routes name the actor.
 */
import { type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../../platform/runtime.js';
import type { PublicLimits } from '../../../platform/config.js';
import { actorOf } from '../../../api/actor.js';
import { RateLimiter, rateLimitHook } from '../../../api/rate-limit.js';
import { ApplicationBody, documentedOnly, IdParam, ListQuery, ReportBody, StatusBody } from './intake.schemas.js';

const HOUR = 3_600_000;
/** A family's application is a few KB; the public routes take no more than this. */
const PUBLIC_BODY_LIMIT = 64 * 1024;

export function intakeRoutes(rt: Runtime, limits: PublicLimits): FastifyPluginAsyncTypebox {
  const { applications, reports } = rt.services;
  const now = () => rt.clock.now().getTime();
  const submitLimit = rateLimitHook(new RateLimiter({ limit: limits.submitPerHour, windowMs: HOUR, now }));
  const statusLimit = rateLimitHook(new RateLimiter({ limit: limits.statusPerHour, windowMs: HOUR, now }));
  return async (app) => {
    app.post('/public/applications', {
      schema: { tags: ['cases'], summary: '网上申请救助（公开，按来源地址限流）/ apply for assistance online (public, rate-limited)', body: ApplicationBody },
      validatorCompiler: documentedOnly,
      bodyLimit: PUBLIC_BODY_LIMIT,
      onRequest: submitLimit,
    }, async (req, reply) => reply.status(201).send(await applications.submit(req.body)));

    app.post('/public/applications/status', {
      schema: { tags: ['cases'], summary: '查询申请进度（申请编号 + 身份证号）/ where an application stands (reference + ID number)', body: StatusBody },
      validatorCompiler: documentedOnly,
      bodyLimit: PUBLIC_BODY_LIMIT,
      onRequest: statusLimit,
    }, async (req) => applications.status(req.body));

    app.get('/applications', {
      schema: { tags: ['cases'], summary: '辖区内的救助申请 / self-applications in your region', querystring: ListQuery },
    }, async (req) => applications.list(req.query, actorOf(req)));

    app.get('/applications/:id', {
      schema: { tags: ['cases'], summary: '救助申请详情（身份证号脱敏，留痕）/ one application (masked, audited)', params: IdParam },
    }, async (req) => applications.get(req.params.id, actorOf(req)));

    app.post('/reports', {
      schema: { tags: ['cases'], summary: '困难上报（网格员）/ report a household in difficulty (village worker)', body: ReportBody },
      validatorCompiler: documentedOnly,
    }, async (req, reply) => reply.status(201).send(await reports.create(req.body, actorOf(req))));

    app.get('/reports', {
      schema: { tags: ['cases'], summary: '辖区内的困难上报 / reports in your region', querystring: ListQuery },
    }, async (req) => reports.list(req.query, actorOf(req)));

    app.get('/reports/:id', {
      schema: { tags: ['cases'], summary: '困难上报详情 / one report', params: IdParam },
    }, async (req) => reports.get(req.params.id, actorOf(req)));
  };
}
