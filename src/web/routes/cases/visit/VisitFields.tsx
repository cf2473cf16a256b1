/**
 * The home-visit survey's fields (入户调查表, docs/cases.md "Visit"), one column, touch-sized:
 * the date, the members present, living conditions, housing, health, income sources observed,
 * needs and the recommendation. Field names are `['visit', key]`, the shape of `data.visit`.
 */
import { DatePicker, Form, Input, Select } from 'antd';
import {
  HOUSING_CONDITIONS, HOUSING_TYPES, INCOME_SOURCES, LIVING_CONDITIONS, NEEDS, type SubjectRef,
} from '../../../api/cases';
import type { Member } from '../../../api/registry';
import { useLabels } from '../../../api/vocabulary';
import { useT, type MessageKey } from '../../../i18n';
import { chinaToday } from '../../recognition/format';
import { dateItemProps } from '../actions/CheckFields';
import { BigChecks, BigRadios } from './BigChoices';

function MembersPresent({ members, subject }: { members: Member[] | null; subject: SubjectRef | null }) {
  const t = useT();
  const { label } = useLabels();
  if (members?.length) {
    return (
      <Form.Item name={['visit', 'members_present']} label={t('visit.membersPresent')}>
        <BigChecks
          columns={1}
          aria-label={t('visit.membersPresent')}
          data-testid="members-present"
          options={members.map((m) => ({
            value: String(m.id),
            label: (
              <span>
                <span>{m.name}</span> <span style={{ color: '#8c8c8c', fontSize: 13 }}>{label('relations', m.relation)}{m.age !== null && m.age !== undefined ? ` · ${t('common.yearsOld', { n: m.age })}` : ''}</span>
              </span>
            ),
          }))}
        />
      </Form.Item>
    );
  }
  // not registered yet: the names of those present
  return (
    <Form.Item name={['visit', 'members_present']} label={t('visit.membersPresent')} extra={t('visit.membersNamesHelp')}>
      <Select mode="tags" size="large" aria-label={t('visit.membersPresent')} tokenSeparators={[',', '，', '、']}
        options={subject?.name ? [{ value: subject.name, label: subject.name }] : []} maxTagTextLength={20} />
    </Form.Item>
  );
}

export function VisitFields({ members, subject }: { members: Member[] | null; subject: SubjectRef | null }) {
  const t = useT();
  const opts = (prefix: string, codes: readonly string[]) => codes.map((c) => ({ value: c, label: t(`${prefix}.${c}` as MessageKey) }));
  return (
    <>
      <Form.Item name={['visit', 'visited_on']} label={t('visit.visitedOn')} rules={[{ required: true, message: t('visit.visitedOnRequired') }]} {...dateItemProps}>
        <DatePicker size="large" style={{ width: '100%' }} allowClear={false} inputReadOnly disabledDate={(d) => d.format('YYYY-MM-DD') > chinaToday()} aria-label={t('visit.visitedOn')} />
      </Form.Item>
      <MembersPresent members={members} subject={subject} />
      <Form.Item name={['visit', 'living_conditions']} label={t('visit.living')}>
        <BigRadios columns={3} aria-label={t('visit.living')} options={opts('living', LIVING_CONDITIONS)} />
      </Form.Item>
      <Form.Item name={['visit', 'housing_type']} label={t('visit.housingType')}>
        <BigRadios columns={2} aria-label={t('visit.housingType')} options={opts('housingType', HOUSING_TYPES)} />
      </Form.Item>
      <Form.Item name={['visit', 'housing_condition']} label={t('visit.housingCondition')}>
        <BigRadios columns={2} aria-label={t('visit.housingCondition')} options={opts('housingCond', HOUSING_CONDITIONS)} />
      </Form.Item>
      <Form.Item name={['visit', 'health_notes']} label={t('visit.health')}>
        <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('visit.healthPlaceholder')} aria-label={t('visit.health')} />
      </Form.Item>
      <Form.Item name={['visit', 'income_sources']} label={t('visit.incomeSources')}>
        <BigChecks aria-label={t('visit.incomeSources')} options={opts('incomeSource', INCOME_SOURCES)} />
      </Form.Item>
      <Form.Item name={['visit', 'income_notes']} label={t('visit.incomeNotes')}>
        <Input.TextArea rows={2} maxLength={1000} showCount aria-label={t('visit.incomeNotes')} />
      </Form.Item>
      <Form.Item
        name={['visit', 'needs']}
        label={t('visit.needs')}
        dependencies={['outcome']}
        rules={[
          ({ getFieldValue }) => ({
            validator: (_, v?: string[]) =>
              getFieldValue('outcome') !== 'need_confirmed' || (v && v.length) ? Promise.resolve() : Promise.reject(new Error(t('visit.needsRequired'))),
          }),
        ]}
      >
        <BigChecks aria-label={t('visit.needs')} data-testid="visit-needs" options={opts('need', NEEDS)} />
      </Form.Item>
      <Form.Item name={['visit', 'recommendation']} label={t('visit.recommendation')} rules={[{ required: true, whitespace: true, message: t('visit.recommendationRequired') }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('visit.recommendationPlaceholder')} aria-label={t('visit.recommendation')} />
      </Form.Item>
    </>
  );
}
