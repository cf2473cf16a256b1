/** Connection strings for test databases on the PostgreSQL named by DATABASE_URL. */
export const TEMPLATE_DB = 'safetynet_test_template';

export function adminUrl(): string {
  return databaseUrlFor('postgres');
}

export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
