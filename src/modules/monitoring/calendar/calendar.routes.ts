/** The working-day calendar over HTTP: read and deadlines for anyone signed in; edits with monitor.manage. */
import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Runtime } from '../../../platform/runtime.js';
import { actorOf } from '../../../api/actor.js';

const DayBody = Type.Object({
  kind: Type.String({ description: 'holiday（放假）| workday（调休上班）', examples: ['holiday'] }),
  name: Type.String({ description: '如「春节」「春节调休上班」', examples: ['春节'] }),
  source: Type.Optional(Type.String({ maxLength: 500, description: '依据，如通知文号' })),
});

export function calendarRoutes(rt: Runtime): FastifyPluginAsyncTypebox {
  const { calendar } = rt.services;
  const tags = ['calendar'];
  return async (app) => {
    app.get('/calendar', {
      schema: { tags, summary: '某年的放假日与调休上班日 / the holidays and make-up working days of a year', querystring: Type.Object({ year: Type.Optional(Type.Integer()) }) },
    }, async (req) => {
      actorOf(req);
      return calendar.year(req.query.year);
    });

    app.get('/calendar/deadline', {
      schema: { tags, summary: '按工作日计算期限 / the deadline N working days after a date', querystring: Type.Object({ from: Type.String(), days: Type.Integer() }) },
    }, async (req) => {
      actorOf(req);
      return calendar.deadline(req.query.from, req.query.days);
    });

    app.put('/calendar/:date', {
      schema: { tags, summary: '设置一天（放假或调休上班）/ set one exception day', params: Type.Object({ date: Type.String() }), body: DayBody },
    }, async (req) => calendar.setDay(req.params.date, req.body, actorOf(req)));

    app.delete('/calendar/:date', {
      schema: { tags, summary: '删除一天的例外 / remove one exception day', params: Type.Object({ date: Type.String() }) },
    }, async (req) => calendar.removeDay(req.params.date, actorOf(req)));
  };
}
