import { describe, expect, it } from 'vitest';
import { newIdNumber } from '../../../../../test/support/factories.js';
import { parseReport } from './report-input.js';

const TODAY = '2026-11-01';
const fields = (body: unknown) => parseReport(body, TODAY).problems.list.map((p) => p.field);

describe("the village worker's report", () => {
  it('takes a household of the registry', () => {
    const r = parseReport({ household_code: 'H2201020010010001', difficulties: ['medical', 'medical'], description: '户主突发脑梗住院', urgency: 'urgent', client_key: 'b1f0c2d3-aaaa' }, TODAY);
    expect(r.value).toEqual({ subject: { kind: 'household', household_code: 'H2201020010010001' }, difficulties: ['medical'], description: '户主突发脑梗住院', urgency: 'urgent', client_key: 'b1f0c2d3-aaaa' });
  });

  it('takes a person not in the registry, with the village', () => {
    const id = newIdNumber('19700101');
    const r = parseReport({ person: { name: ' 张 三 ', id_number: id.toLowerCase() }, region_code: '220102001001', address: '华阳社区平房', difficulties: ['living'], description: '独居老人，无收入' }, TODAY);
    expect(r.value?.subject).toEqual({ kind: 'person', name: '张 三', id_number: id, region_code: '220102001001', address: '华阳社区平房' });
    expect(r.value?.urgency).toBe('normal');
  });

  it('needs exactly one of household and person', () => {
    expect(fields({ difficulties: ['living'], description: 'x' })).toEqual(['household_code']);
    expect(fields({ household_code: 'H1', person: { name: '张三', id_number: newIdNumber() }, difficulties: ['living'], description: 'x' })).toEqual(['person']);
  });

  it('names each bad field', () => {
    expect(fields({ person: { name: '张三', id_number: '220102580312001' }, region_code: '2201', difficulties: [], description: '', urgency: 'soon', client_key: 'x' }))
      .toEqual(['person.id_number', 'region_code', 'difficulties', 'description', 'urgency', 'client_key']);
    expect(fields({ household_code: 'H 1', difficulties: ['food'], description: '难'.repeat(1001) })).toEqual(['household_code', 'difficulties[0]', 'description']);
  });
});
