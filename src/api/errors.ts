/**
 * One error mapper for the whole API: AppError codes map to statuses; validation failures
 * name the field; a 5xx never shows internals. Body: {"error": {"code", "message"}}.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../platform/errors.js';

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) request.log.error({ err }, 'application error');
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const where = fe.validation.map((v) => `${fe.validationContext ?? ''}${v.instancePath || ''} ${v.message ?? ''}`.trim()).join('; ');
      return reply.status(400).send({ error: { code: 'VALIDATION', message: `请求参数无效：${where} / invalid request: ${where}` } });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      const code = fe.statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : fe.statusCode === 404 ? 'NOT_FOUND' : 'VALIDATION';
      return reply.status(fe.statusCode).send({ error: { code, message: `请求无效 / bad request: ${fe.message}` } });
    }
    request.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请联系管理员 / internal server error; please contact the administrator' } });
  });
}

export function noSuchEndpoint(method: string, url: string) {
  return { error: { code: 'NOT_FOUND', message: `接口不存在：${method} ${url.split('?')[0]} / no such endpoint` } };
}
