import {
  DownOutlined,
  LogoutOutlined,
  MenuOutlined,
  TranslationOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Layout, Menu, type MenuProps, Select } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { type Lang, setLanguage } from '../lib/i18n';
import { usePhone } from '../lib/use-phone';
import { useLogout } from '../modules/accounts';
import { appRoutes, menuGroups } from './routes';
import { useSession } from './session';

const MobileDrawer = lazy(() => import('./mobile-drawer'));

const LANG_LABEL: Record<Lang, string> = { 'zh-CN': '简体中文', en: 'English' };

function SideMenu(props: { onNavigate?: () => void }) {
  const { t } = useTranslation('app');
  const { can } = useSession();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = useMemo<MenuProps['items']>(
    () =>
      menuGroups
        .map((g) => ({
          type: 'group' as const,
          key: g,
          label: t(`menuGroup.${g}`),
          children: appRoutes
            .filter((r) => r.menu?.group === g && (!r.permission || can(r.permission)))
            .map((r) => ({ key: `/${r.path}`, icon: r.menu!.icon, label: t(r.menu!.labelKey) })),
        }))
        .filter((g) => g.children.length > 0),
    [t, can],
  );
  // The menu entry whose path is the longest prefix of the page (/people/tags is not also /people).
  const selected = appRoutes
    .filter((r) => r.menu && pathname.startsWith(`/${r.path.split('/:')[0]}`))
    .sort((a, b) => b.path.length - a.path.length)
    .slice(0, 1)
    .map((r) => `/${r.path}`);
  if (pathname.startsWith('/territory/communities')) selected.push('/territory/tree');
  return (
    <nav aria-label={t('menu.label')}>
      <Menu
        mode="inline"
        items={items}
        selectedKeys={selected}
        onClick={(e) => {
          navigate(e.key);
          props.onNavigate?.();
        }}
        className="gz-menu"
      />
    </nav>
  );
}

function TopBar(props: { onOpenMenu: () => void }) {
  const { t, i18n } = useTranslation('app');
  const { me, tenantId, setTenantId } = useSession();
  const phone = usePhone();
  const navigate = useNavigate();
  const logout = useLogout();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const userItems: MenuProps['items'] = [
    { key: 'account', icon: <UserOutlined />, label: t('user.myAccount') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('user.logout'), danger: true },
  ];
  return (
    <Layout.Header className="gz-header">
      {phone ? (
        <Button
          type="text"
          icon={<MenuOutlined />}
          aria-label={t('menu.open')}
          onClick={props.onOpenMenu}
          className="gz-header-btn"
        />
      ) : null}
      {phone ? <span className="gz-brand">{t('brandShort')}</span> : null}
      <div className="gz-header-right">
        {me.tenants.length > 0 ? (
          <Select
            aria-label={t('tenant.label')}
            value={tenantId}
            onChange={setTenantId}
            options={me.tenants.map((x) => ({ value: x.id, label: x.name }))}
            className="gz-tenant-select"
            popupMatchSelectWidth={false}
          />
        ) : null}
        <Dropdown
          trigger={['click']}
          menu={{
            selectable: true,
            selectedKeys: [lang],
            items: (Object.keys(LANG_LABEL) as Lang[]).map((k) => ({
              key: k,
              label: LANG_LABEL[k],
              lang: k,
            })),
            onClick: (e) => setLanguage(e.key as Lang),
          }}
        >
          <Button type="text" className="gz-header-btn" aria-label={t('language.label')}>
            <TranslationOutlined />
            {phone ? null : <span>{LANG_LABEL[lang]}</span>}
          </Button>
        </Dropdown>
        <Dropdown
          trigger={['click']}
          menu={{
            items: userItems,
            onClick: (e) => {
              if (e.key === 'account') navigate('/account');
              if (e.key === 'logout') logout.mutate(undefined, { onSettled: () => navigate('/login') });
            },
          }}
        >
          <Button type="text" className="gz-header-btn" aria-label={t('user.menu')}>
            <UserOutlined />
            {phone ? null : <span>{me.user.displayName}</span>}
            <DownOutlined />
          </Button>
        </Dropdown>
      </div>
    </Layout.Header>
  );
}

/** Signed-in shell: side menu (a drawer on phones), top bar, and the page in <main>. */
export function AppLayout() {
  const { t } = useTranslation('app');
  const phone = usePhone();
  const [open, setOpen] = useState(false);
  return (
    <Layout className="gz-shell">
      <a className="gz-skip" href="#gz-main">
        {t('skipToContent')}
      </a>
      {phone ? (
        open ? (
          <Suspense fallback={null}>
            <MobileDrawer open={open} onClose={() => setOpen(false)} title={t('brand')}>
              <SideMenu onNavigate={() => setOpen(false)} />
            </MobileDrawer>
          </Suspense>
        ) : null
      ) : (
        <Layout.Sider width={220} theme="light" className="gz-sider">
          <div className="gz-logo">
            <span className="gz-logo-mark" aria-hidden="true">
              共
            </span>
            <strong>{t('brand')}</strong>
          </div>
          <SideMenu />
        </Layout.Sider>
      )}
      <Layout>
        <TopBar onOpenMenu={() => setOpen(true)} />
        <Layout.Content id="gz-main" className="gz-content" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
        <Layout.Footer className="gz-footer">{t('footer')}</Layout.Footer>
      </Layout>
    </Layout>
  );
}
