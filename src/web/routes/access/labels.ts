/** Chinese/English labels for roles, permissions and audit actions (unknown codes show as is). */
import { useCallback } from 'react';
import type { RolesCatalog } from '../../api/access';
import { hasMessage, useLang, useT } from '../../i18n';

export function useAccessLabels(catalog?: RolesCatalog) {
  const t = useT();
  const { lang } = useLang();
  const role = useCallback(
    (code: string): string => {
      const key = `role.${code}`;
      return hasMessage(key) ? t(key) : (catalog?.roles?.[code]?.[lang] ?? code);
    },
    [t, lang, catalog],
  );
  const permission = useCallback(
    (code: string): string => {
      const key = `perm.${code}`;
      return hasMessage(key) ? t(key) : (catalog?.permissions?.[code]?.[lang] ?? code);
    },
    [t, lang, catalog],
  );
  const auditAction = useCallback(
    (code: string): string => {
      const key = `auditAction.${code}`;
      if (hasMessage(key)) return t(key);
      // registry history actions share their labels with the household page
      const hist = `action.${code}`;
      return hasMessage(hist) ? t(hist) : code;
    },
    [t],
  );
  return { role, permission, auditAction };
}
