/** Intake factories: a valid self-application (fresh ID numbers each call) and a report. */
import { newIdNumber } from './factories.js';

export function newApplication(over: Record<string, unknown> = {}) {
  return {
    region_code: '220102001001',
    hukou_type: 'urban',
    address: '南岭街道华阳社区3栋2单元101',
    phone: '13812345678',
    applicant: { name: '王建国', id_number: newIdNumber(), relation: 'head' },
    members: [{ name: '李秀兰', id_number: newIdNumber(undefined, 'female'), relation: 'spouse' }],
    needs: ['living', 'medical'],
    description: '老伴住院，家里没有收入',
    consent: { authorize_check: true, declaration: true, signer_name: '王建国' },
    ...over,
  };
}

export function newReport(over: Record<string, unknown> = {}) {
  return { difficulties: ['medical'], description: '户主突发脑梗住院', urgency: 'urgent', client_key: `k-${Math.random().toString(36).slice(2, 12)}`, ...over };
}
