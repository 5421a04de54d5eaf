import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, RouterProvider, useLocation } from 'react-router';
import { setPasswordChangeRequiredHandler, setUnauthorizedHandler } from '../lib/api';
import { ErrorState, LoadingState } from '../lib/page-state';
import { accountsKeys } from '../modules/accounts';
import { Guard, NotFoundPage } from './guard';
import { AppLayout } from './layout';
import { appRoutes } from './routes';
import { SessionProvider, useMe, useSession } from './session';

const LoginPage = lazy(async () => ({
  default: (await import('../modules/accounts/pages/login.page')).LoginPage,
}));
const SetupPage = lazy(async () => ({
  default: (await import('../modules/accounts/pages/setup.page')).SetupPage,
}));
const ForcedPasswordPage = lazy(async () => ({
  default: (await import('../modules/accounts/pages/forced-password.page')).ForcedPasswordPage,
}));

/**
 * Any 401 drops the cached user, which sends the app to the login page; a refusal until the
 * password is changed reloads the user, whose flag then shows the forced-change page.
 */
function UnauthorizedBridge() {
  const qc = useQueryClient();
  useEffect(() => {
    setUnauthorizedHandler(() => qc.setQueryData(accountsKeys.me, null));
    setPasswordChangeRequiredHandler(() => void qc.invalidateQueries({ queryKey: accountsKeys.me }));
    return () => {
      setUnauthorizedHandler(null);
      setPasswordChangeRequiredHandler(null);
    };
  }, [qc]);
  return <Outlet />;
}

function RequireSession() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState />;
  if (me.error) return <ErrorState error={me.error} onRetry={() => me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (me.data.mustChangePassword) {
    return (
      <Suspense fallback={<LoadingState />}>
        <ForcedPasswordPage />
      </Suspense>
    );
  }
  return (
    <SessionProvider me={me.data}>
      <AppLayout />
    </SessionProvider>
  );
}

/** The first page the user may use. */
function Home() {
  const { can } = useSession();
  const first = appRoutes.find((r) => r.menu && (!r.permission || can(r.permission)));
  return <Navigate to={first ? `/${first.path}` : '/account'} replace />;
}

const router = createBrowserRouter([
  {
    element: <UnauthorizedBridge />,
    children: [
      {
        path: '/login',
        element: (
          <Suspense fallback={<LoadingState />}>
            <LoginPage />
          </Suspense>
        ),
      },
      {
        path: '/setup',
        element: (
          <Suspense fallback={<LoadingState />}>
            <SetupPage />
          </Suspense>
        ),
      },
      {
        path: '/',
        element: <RequireSession />,
        children: [
          { index: true, element: <Home /> },
          ...appRoutes.map((r) => ({
            path: r.path,
            element: (
              <Guard permission={r.permission}>
                <r.Page />
              </Guard>
            ),
          })),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export const AppRouter = () => <RouterProvider router={router} />;
