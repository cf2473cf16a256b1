import { Descriptions, Typography } from 'antd';
import type { Member } from '../../api/registry';
import { useLabels } from '../../api/vocabulary';
import { useT } from '../../i18n';
import { CategoryTags } from './CategoryTags';
import { MaskedValue } from './Reveal';
import { dateOnly } from './format';


/** Household members on a phone: one compact card per person instead of a 12-column table. */
export function MemberCards({ members }: { members: Member[] }) {
  const t = useT();
  const { label } = useLabels();
  return (
    <div data-testid="member-cards" style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {members.map((m) => {
        const active = [...new Set((m.categories ?? []).filter((c) => c.status === 'active').map((c) => c.category))];
        const facts = [
          m.disability_type
            ? `${label('disability_types', m.disability_type)}${m.disability_grade ? ' ' + t('grade.n', { n: String(m.disability_grade) }) : ''}`
            : '',
          label('work_abilities', m.work_ability),
          label('health_states', m.health),
          m.school_stage && m.school_stage !== 'none' ? label('school_stages', m.school_stage) : '',
          label('employment_states', m.employment),
        ].filter(Boolean);
        return (
          <div key={String(m.id)} data-testid="member-card" style={{ border: '1px solid #e8e8e8', borderRadius: 6, padding: '8px 12px' }}>
            <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
              <Typography.Text strong style={{ fontSize: 15 }}>{m.name}</Typography.Text>
              <Typography.Text type="secondary">
                {label('relations', m.relation)} · {m.sex === 'male' ? t('sex.male') : m.sex === 'female' ? t('sex.female') : m.sex}
                {m.age !== null && m.age !== undefined ? ` · ${t('common.yearsOld', { n: m.age })}` : ''}
              </Typography.Text>
            </div>
            <Descriptions
              size="small"
              column={1}
              colon
              styles={{ label: { color: '#8c8c8c', whiteSpace: 'nowrap' } }}
              style={{ marginTop: 4 }}
              items={[
                { key: 'id', label: t('member.idNumber'), children: <MaskedValue member={m} field="id_number" /> },
                { key: 'birth', label: t('member.birthDate'), children: dateOnly(m.birth_date) || '—' },
                { key: 'phone', label: t('member.phone'), children: <MaskedValue member={m} field="phone" /> },
                { key: 'facts', label: t('member.facts'), children: facts.join(' · ') || '—' },
              ]}
            />
            {active.length > 0 && (
              <div style={{ marginTop: 4 }}>
                <CategoryTags codes={active} />
              </div>
            )}
          </div>
        );
      })}
    </div>
  );
}
