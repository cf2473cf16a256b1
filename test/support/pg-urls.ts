/** Connection strings for test databases on the PostgreSQL named by DATABASE_URL. */
/**
 * The migrated template of this test run. Named per run (global-setup sets it for the workers),
 * so test runs of different checkouts sharing one PostgreSQL do not drop each other's template.
 */
export function templateDb(): string {
  return process.env.SAFETYNET_TEST_PG_TEMPLATE ?? 'safetynet_test_template';
}

export function adminUrl(): string {
  return databaseUrlFor('postgres');
}

export function databaseUrlFor(name: string): string {
  const url = new URL(process.env.DATABASE_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}
