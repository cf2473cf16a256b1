import { LockOutlined } from '@ant-design/icons';
import { Button, Card, Result } from 'antd';
import { useCurrentUser } from '../../api/session';
import { useT } from '../../i18n';
import { landingPath } from '../../layout/nav';
import { navigate, useLocation } from '../../router';
import { useAccessLabels } from './labels';

/** A page the user's role may not open: say so politely and offer the way home. */
export function NoAccess() {
  const t = useT();
  const user = useCurrentUser();
  const { role } = useAccessLabels();
  const { pathname } = useLocation();
  const home = landingPath(user);
  const nothing = home === '/no-access';
  return (
    <Card data-testid="no-access">
      <Result
        icon={<LockOutlined style={{ color: '#8c8c8c' }} />}
        title={t('noAccess.title')}
        subTitle={t(nothing ? 'noAccess.nothing' : 'noAccess.desc', { role: role(user.role) })}
        extra={
          !nothing && home !== pathname ? (
            <Button type="primary" onClick={() => navigate(home)}>
              {t('common.home')}
            </Button>
          ) : undefined
        }
      />
    </Card>
  );
}
