/**
 * The signed-in user for the whole app. At start GET /api/auth/me restores a session after a
 * reload (the cookie is httpOnly; the CSRF token comes back in the answer and stays in memory).
 * A 401 from any later call ends the session here: the app then shows the login page with
 * "登录已过期", remembering the page to come back to.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken, setUnauthorizedHandler } from './api';
import { authApi, hasAny, hasPermission, type Permission, type SessionUser } from './auth';
import { invalidateQueries } from './query';
import { navigate } from '../router';
import { resetSearchMemory } from '../routes/registry/searchState';

export type SessionStatus = 'loading' | 'signedIn' | 'signedOut' | 'error';

export interface SessionValue {
  status: SessionStatus;
  user: SessionUser | null;
  /** the session ended on its own (idle timeout, revoked): the login page says so */
  expired: boolean;
  /** why /api/auth/me failed when status is 'error' (server unreachable…) */
  error: Error | null;
  login: (username: string, password: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  retry: () => void;
  can: (p: Permission) => boolean;
  canAny: (anyOf: readonly Permission[] | undefined) => boolean;
}

interface State {
  status: SessionStatus;
  user: SessionUser | null;
  expired: boolean;
  error: Error | null;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Cached data belongs to one user: drop it whenever who is signed in changes. */
function forgetData() {
  invalidateQueries();
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ status: 'loading', user: null, expired: false, error: null });
  const [attempt, setAttempt] = useState(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  /** the user whose session expired: a different user signing in next starts with a clean search */
  const lastUser = useRef<string | null>(null);

  useEffect(() => {
    let active = true;
    authApi.me().then(
      (grant) => {
        if (!active) return;
        setCsrfToken(grant.csrf_token);
        lastUser.current = grant.user.username;
        setState({ status: 'signedIn', user: grant.user, expired: false, error: null });
      },
      (err: unknown) => {
        if (!active) return;
        setCsrfToken(null);
        if (err instanceof ApiError && err.status === 401) setState({ status: 'signedOut', user: null, expired: false, error: null });
        else setState({ status: 'error', user: null, expired: false, error: err instanceof Error ? err : new Error(String(err)) });
      },
    );
    return () => {
      active = false;
    };
  }, [attempt]);

  useEffect(
    () =>
      setUnauthorizedHandler(() => {
        if (stateRef.current.status !== 'signedIn') return;
        setCsrfToken(null);
        forgetData();
        setState({ status: 'signedOut', user: null, expired: true, error: null });
      }),
    [],
  );

  const login = useCallback(async (username: string, password: string) => {
    const grant = await authApi.login(username, password);
    setCsrfToken(grant.csrf_token);
    forgetData();
    if (lastUser.current !== grant.user.username) resetSearchMemory();
    lastUser.current = grant.user.username;
    setState({ status: 'signedIn', user: grant.user, expired: false, error: null });
    return grant.user;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } catch {
      /* already ended on the server: signing out locally is all that is left */
    }
    setCsrfToken(null);
    forgetData();
    resetSearchMemory();
    lastUser.current = null;
    // straight to the login page: a deliberate sign-out has no page to come back to
    navigate('/login', { replace: true });
    setState({ status: 'signedOut', user: null, expired: false, error: null });
  }, []);

  const retry = useCallback(() => {
    setState((s) => ({ ...s, status: 'loading', error: null }));
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo<SessionValue>(
    () => ({
      ...state,
      login,
      logout,
      retry,
      can: (p) => hasPermission(state.user, p),
      canAny: (anyOf) => hasAny(state.user, anyOf),
    }),
    [state, login, logout, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession() outside <SessionProvider>');
  return v;
}

/** The signed-in user (components inside the app layout are only rendered with one). */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error('useCurrentUser() without a signed-in user');
  return user;
}
