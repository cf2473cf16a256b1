import { describe, expect, it } from 'vitest';
import { newIdNumber } from '../../../../../test/support/factories.js';
import { checkCharacter } from '../../../registry/domain/id-number.js';
import { parseApplication } from './application-input.js';

const TODAY = '2026-11-01';

function valid() {
  return {
    region_code: '220102001001',
    hukou_type: 'urban',
    address: '南岭街道华阳社区3栋2单元101',
    phone: '138 1234 5678',
    applicant: { name: '王建国', id_number: newIdNumber('19580312'), relation: 'head' },
    members: [{ name: '李秀兰', id_number: newIdNumber('19600101', 'female'), relation: 'spouse' }],
    needs: ['living', 'medical'],
    description: '老伴住院，家里没有收入',
    consent: { authorize_check: true, declaration: true, signer_name: '王建国' },
  };
}

/** The problems of one changed application: [field, message] pairs. */
function problems(change: (a: ReturnType<typeof valid>) => unknown) {
  const a = valid();
  const body = change(a) ?? a;
  const r = parseApplication(body, TODAY);
  expect(r.value).toBeUndefined();
  return r.problems.list;
}

/** A number whose check character is wrong. */
function wrongCheck(): string {
  const good = newIdNumber('19800101');
  const wrong = '0123456789X'.split('').find((c) => c !== good[17])!;
  return good.slice(0, 17) + wrong;
}

describe('the self-application', () => {
  it('accepts a good application, normalized', () => {
    const a = valid();
    const r = parseApplication({ ...a, hukou_type: '城镇', members: [{ ...a.members[0], relation: '妻子' }] }, TODAY);
    expect(r.problems.list).toEqual([]);
    expect(r.value).toMatchObject({ region_code: '220102001001', hukou_type: 'urban', phone: '13812345678', members: [{ relation: 'spouse' }], consent: { signer_name: '王建国' } });
  });

  it('names the member with a wrong check digit, without echoing the number', () => {
    const bad = wrongCheck();
    const list = problems((a) => {
      a.members[0].id_number = bad;
    });
    expect(list).toEqual([{ field: 'members[0].id_number', message: 'members[0].id_number: 身份证号校验位错误 / check digit wrong' }]);
    expect(JSON.stringify(list)).not.toContain(bad.slice(0, 17));
  });

  it('refuses the old 15-digit number', () => {
    const list = problems((a) => {
      a.applicant.id_number = '220102580312001';
    });
    expect(list[0].field).toBe('applicant.id_number');
    expect(list[0].message).toContain('15位旧号码已停用');
  });

  it('refuses an impossible birth date and a wrong length', () => {
    const first17 = '22010219580231001';
    const list = problems((a) => {
      a.applicant.id_number = first17 + checkCharacter(first17);
      a.members[0].id_number = '2201021958';
    });
    expect(list.map((x) => x.message)).toEqual([
      'applicant.id_number: 身份证号出生日期无效 / the birth date is impossible',
      'members[0].id_number: 身份证号应为18位 / must be 18 characters',
    ]);
  });

  it('refuses missing consent and a declaration not made', () => {
    expect(problems((a) => ({ ...a, consent: undefined }))[0].field).toBe('consent');
    const list = problems((a) => {
      a.consent = { authorize_check: false, declaration: false, signer_name: '王建国' };
    });
    expect(list.map((x) => x.field)).toEqual(['consent.authorize_check', 'consent.declaration']);
    expect(problems((a) => {
      a.consent.signer_name = '别人';
    })[0].message).toBe('consent.signer_name: 签署人应为申请人本人 / the signer must be the applicant');
  });

  it('refuses a repeated member and two heads', () => {
    const list = problems((a) => {
      a.members.push({ ...a.members[0] });
      a.members.push({ name: '王小明', id_number: newIdNumber('19900101'), relation: 'head' });
    });
    expect(list.map((x) => x.field)).toEqual(['members[1].id_number', 'members[2].relation']);
    expect(list[1].message).toBe('members[2].relation: 一户只能有一名户主 / only one person can be the head');
  });

  it('refuses a county code, another province and a malformed region', () => {
    expect(problems((a) => ({ ...a, region_code: '220102' }))[0].message).toBe('region_code: 应为村（社区）级12位区划代码 / must be a 12-digit village or community code');
    expect(problems((a) => ({ ...a, region_code: '220102001000' }))[0].field).toBe('region_code');
    expect(problems((a) => ({ ...a, region_code: '110101001001' }))[0].message).toContain('不是吉林省');
    expect(problems((a) => ({ ...a, region_code: 'abc' }))[0].message).toContain('格式无效');
  });

  it('refuses over-long text and numbers in free text', () => {
    expect(problems((a) => ({ ...a, description: '难'.repeat(1001) }))[0].message).toBe('description: 不能超过 1000 字 / must be at most 1000 characters');
    expect(problems((a) => ({ ...a, address: '址'.repeat(201) }))[0].field).toBe('address');
    expect(problems((a) => {
      a.applicant.name = '王'.repeat(51);
    })[0].field).toBe('applicant.name');
    expect(problems((a) => ({ ...a, description: `我的身份证 ${newIdNumber()}` }))[0].message).toContain('请勿在此填写身份证号');
    expect(problems((a) => {
      a.members[0].name = newIdNumber();
    })[0].message).toBe('members[0].name: 姓名不能包含数字 / a name cannot contain digits');
  });

  it('refuses unknown relations, needs, household types and a bad phone', () => {
    const list = problems((a) => ({ ...a, hukou_type: 'city', phone: '12345', needs: ['living', 'money'], applicant: { ...a.applicant, relation: 'boss' } }));
    expect(list.map((x) => x.field)).toEqual(['hukou_type', 'phone', 'applicant.relation', 'needs[1]']);
    expect(problems((a) => ({ ...a, needs: [] }))[0].message).toBe('needs: 至少选择一项 / choose at least one');
  });

  it('names every missing field of an empty application', () => {
    const list = parseApplication({}, TODAY).problems.list.map((x) => x.field);
    expect(list).toEqual(['region_code', 'hukou_type', 'address', 'phone', 'applicant', 'needs', 'consent']);
    expect(parseApplication('nope', TODAY).problems.list[0].field).toBe('body');
    expect(parseApplication({ ...valid(), members: Array.from({ length: 20 }, () => valid().members[0]) }, TODAY).problems.list[0].field).toBe('members');
  });
});
