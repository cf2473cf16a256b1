import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { useSession } from '../../api/session';
import { useT, type MessageKey } from '../../i18n';
import { navigate } from '../../router';

/** A later area of the platform: an honest "under construction" notice, never fake data. */
export function ComingSoon({ area }: { area: MessageKey }) {
  const t = useT();
  const { can } = useSession();
  return (
    <Card>
      <Result
        icon={<ToolOutlined style={{ color: '#8c8c8c' }} />}
        title={t('placeholder.title', { area: t(area) })}
        subTitle={t('placeholder.desc')}
        extra={
          can('registry.read') ? (
            <Button type="primary" onClick={() => navigate('/registry')}>
              {t('placeholder.toRegistry')}
            </Button>
          ) : undefined
        }
      />
    </Card>
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Card>
      <Result
        status="404"
        title={t('notFound.title')}
        subTitle={t('notFound.desc')}
        extra={
          <Button type="primary" onClick={() => navigate('/')}>
            {t('common.home')}
          </Button>
        }
      />
    </Card>
  );
}
