import type { ReactNode } from 'react';
import type { Permission } from '../api/auth';

/** A page of the app: its path pattern, who may open it, and what it renders. */
export interface RouteDef {
  path: string;
  /** the user needs one of these permissions; otherwise a polite "no access" page */
  anyOf: readonly Permission[];
  render: (params: Record<string, string>) => ReactNode;
}
