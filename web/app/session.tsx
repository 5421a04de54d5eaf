import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import type { Permission } from '../../contracts/access';
import type { Me } from '../../contracts/accounts';
import { meQuery } from '../modules/accounts';

const TENANT_KEY = 'gz.tenant';

export interface Session {
  me: Me;
  /** The tenant (街道) the pages work on, chosen in the top bar. */
  tenantId: string | undefined;
  setTenantId: (id: string) => void;
  can: (p: Permission) => boolean;
  isPlatformAdmin: boolean;
}

const SessionContext = createContext<Session | null>(null);

const readTenant = () => {
  try {
    return localStorage.getItem(TENANT_KEY) ?? undefined;
  } catch {
    return undefined;
  }
};

export function SessionProvider(props: { me: Me; children: ReactNode }) {
  const { me } = props;
  const [chosen, setChosen] = useState<string | undefined>(readTenant);
  const tenantId = me.tenants.some((t) => t.id === chosen) ? chosen : me.tenants[0]?.id;
  const setTenantId = useCallback((id: string) => {
    setChosen(id);
    try {
      localStorage.setItem(TENANT_KEY, id);
    } catch {
      // the choice lasts for this page only
    }
  }, []);
  const value = useMemo<Session>(() => {
    const perms = new Set<string>(me.permissions);
    return {
      me,
      tenantId,
      setTenantId,
      can: (p) => perms.has(p),
      isPlatformAdmin: me.grants.some((g) => g.role === 'platform_admin'),
    };
  }, [me, tenantId, setTenantId]);
  return <SessionContext.Provider value={value}>{props.children}</SessionContext.Provider>;
}

/** The session of the signed-in user; only used under the signed-in layout. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

export const useMe = () => useQuery(meQuery);
