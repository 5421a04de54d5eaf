import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  ContactsOutlined,
  EyeOutlined,
  FieldTimeOutlined,
  FireOutlined,
  GlobalOutlined,
  NotificationOutlined,
  PieChartOutlined,
  ProfileOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TagsOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from '@ant-design/icons';
import { type ComponentType, type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { Permission } from '../../contracts/access';

/** One signed-in page: where it lives, what permission it needs, and its menu entry if any. */
export interface AppRoute {
  path: string;
  permission?: Permission;
  Page: LazyExoticComponent<ComponentType>;
  menu?: {
    labelKey: string;
    icon: ReactNode;
    group: 'territory' | 'people' | 'cases' | 'governance' | 'audit' | 'platform';
  };
}

const page = <M,>(load: () => Promise<M>, pick: (m: M) => ComponentType) =>
  lazy(async () => ({ default: pick(await load()) }));

export const appRoutes: AppRoute[] = [
  {
    path: 'territory/coverage',
    permission: 'territory.read',
    Page: page(
      () => import('../modules/territory/pages/coverage.page'),
      (m) => m.CoveragePage,
    ),
    menu: { labelKey: 'menu.coverage', icon: <PieChartOutlined />, group: 'territory' },
  },
  {
    path: 'territory/tree',
    permission: 'territory.read',
    Page: page(
      () => import('../modules/territory/pages/tree.page'),
      (m) => m.TreePage,
    ),
    menu: { labelKey: 'menu.tree', icon: <ApartmentOutlined />, group: 'territory' },
  },
  {
    path: 'territory/stations',
    permission: 'territory.read',
    Page: page(
      () => import('../modules/territory/pages/stations.page'),
      (m) => m.StationsPage,
    ),
    menu: { labelKey: 'menu.stations', icon: <ClusterOutlined />, group: 'territory' },
  },
  {
    path: 'territory/communities/:id',
    permission: 'territory.read',
    Page: page(
      () => import('../modules/territory/pages/community.page'),
      (m) => m.CommunityPage,
    ),
  },
  {
    path: 'people',
    permission: 'people.read',
    Page: page(
      () => import('../modules/people/pages/person-list.page'),
      (m) => m.PersonListPage,
    ),
    menu: { labelKey: 'menu.residents', icon: <ContactsOutlined />, group: 'people' },
  },
  {
    path: 'people/new',
    permission: 'people.write',
    Page: page(
      () => import('../modules/people/pages/person-create.page'),
      (m) => m.PersonCreatePage,
    ),
  },
  {
    path: 'people/import',
    permission: 'people.write',
    Page: page(
      () => import('../modules/people/pages/person-import.page'),
      (m) => m.PersonImportPage,
    ),
  },
  {
    path: 'people/households/:id',
    permission: 'people.read',
    Page: page(
      () => import('../modules/people/pages/household.page'),
      (m) => m.HouseholdPage,
    ),
  },
  {
    path: 'people/:id',
    permission: 'people.read',
    Page: page(
      () => import('../modules/people/pages/person-detail.page'),
      (m) => m.PersonDetailPage,
    ),
  },
  {
    path: 'people/tags',
    permission: 'people.write',
    Page: page(
      () => import('../modules/people/pages/tags.page'),
      (m) => m.TagsPage,
    ),
    menu: { labelKey: 'menu.peopleTags', icon: <TagsOutlined />, group: 'people' },
  },
  {
    path: 'people/retention',
    permission: 'people.erase',
    Page: page(
      () => import('../modules/people/pages/retention.page'),
      (m) => m.RetentionPage,
    ),
    menu: { labelKey: 'menu.retention', icon: <FieldTimeOutlined />, group: 'audit' },
  },
  {
    path: 'cases',
    permission: 'cases.read',
    Page: page(
      () => import('../modules/cases/pages/caseload.page'),
      (m) => m.CaseloadPage,
    ),
    menu: { labelKey: 'menu.caseload', icon: <FireOutlined />, group: 'cases' },
  },
  {
    path: 'cases/new',
    permission: 'cases.open',
    Page: page(
      () => import('../modules/cases/pages/case-create.page'),
      (m) => m.CaseCreatePage,
    ),
  },
  {
    path: 'cases/tasks',
    permission: 'cases.read',
    Page: page(
      () => import('../modules/cases/pages/my-tasks.page'),
      (m) => m.MyTasksPage,
    ),
    menu: { labelKey: 'menu.caseTasks', icon: <CheckSquareOutlined />, group: 'cases' },
  },
  {
    path: 'cases/approvals',
    permission: 'cases.read',
    Page: page(
      () => import('../modules/cases/pages/approvals.page'),
      (m) => m.ApprovalsPage,
    ),
    menu: { labelKey: 'menu.caseApprovals', icon: <ProfileOutlined />, group: 'cases' },
  },
  {
    path: 'cases/overdue',
    permission: 'cases.read',
    Page: page(
      () => import('../modules/cases/pages/overdue.page'),
      (m) => m.OverduePage,
    ),
    menu: { labelKey: 'menu.caseOverdue', icon: <ScheduleOutlined />, group: 'cases' },
  },
  {
    path: 'cases/settings',
    permission: 'cases.settings',
    Page: page(
      () => import('../modules/cases/pages/settings.page'),
      (m) => m.CaseSettingsPage,
    ),
    menu: { labelKey: 'menu.caseSettings', icon: <SettingOutlined />, group: 'cases' },
  },
  {
    path: 'cases/:id',
    permission: 'cases.read',
    Page: page(
      () => import('../modules/cases/pages/case-file.page'),
      (m) => m.CaseFilePage,
    ),
  },
  {
    path: 'governance/issues',
    permission: 'governance.public',
    Page: page(
      () => import('../modules/governance/pages/issue-board.page'),
      (m) => m.IssueBoardPage,
    ),
    menu: { labelKey: 'menu.issues', icon: <AlertOutlined />, group: 'governance' },
  },
  {
    path: 'governance/issues/new',
    permission: 'governance.report',
    Page: page(
      () => import('../modules/governance/pages/issue-report.page'),
      (m) => m.IssueReportPage,
    ),
  },
  {
    path: 'governance/issues/:id',
    permission: 'governance.public',
    Page: page(
      () => import('../modules/governance/pages/issue.page'),
      (m) => m.IssuePage,
    ),
  },
  {
    path: 'governance/bodies',
    permission: 'governance.read',
    Page: page(
      () => import('../modules/governance/pages/bodies.page'),
      (m) => m.BodiesPage,
    ),
    menu: { labelKey: 'menu.bodies', icon: <UsergroupAddOutlined />, group: 'governance' },
  },
  {
    path: 'governance/bodies/:id',
    permission: 'governance.read',
    Page: page(
      () => import('../modules/governance/pages/body.page'),
      (m) => m.BodyPage,
    ),
  },
  {
    path: 'governance/meetings/:id',
    permission: 'governance.read',
    Page: page(
      () => import('../modules/governance/pages/meeting.page'),
      (m) => m.MeetingPage,
    ),
  },
  {
    path: 'governance/notices',
    permission: 'governance.public',
    Page: page(
      () => import('../modules/governance/pages/notices.page'),
      (m) => m.NoticesPage,
    ),
    menu: { labelKey: 'menu.notices', icon: <NotificationOutlined />, group: 'governance' },
  },
  {
    path: 'governance/settings',
    permission: 'governance.configure',
    Page: page(
      () => import('../modules/governance/pages/settings.page'),
      (m) => m.SettingsPage,
    ),
    menu: { labelKey: 'menu.govSettings', icon: <SettingOutlined />, group: 'governance' },
  },
  {
    path: 'users',
    permission: 'users.read',
    Page: page(
      () => import('../modules/accounts/pages/user-list.page'),
      (m) => m.UserListPage,
    ),
    menu: { labelKey: 'menu.users', icon: <TeamOutlined />, group: 'people' },
  },
  {
    path: 'users/new',
    permission: 'users.manage',
    Page: page(
      () => import('../modules/accounts/pages/user-create.page'),
      (m) => m.UserCreatePage,
    ),
  },
  {
    path: 'users/:id',
    permission: 'users.read',
    Page: page(
      () => import('../modules/accounts/pages/user-detail.page'),
      (m) => m.UserDetailPage,
    ),
  },
  {
    path: 'audit/events',
    permission: 'audit.read',
    Page: page(
      () => import('../modules/audit/pages/audit-log.page'),
      (m) => m.AuditLogPage,
    ),
    menu: { labelKey: 'menu.auditLog', icon: <AuditOutlined />, group: 'audit' },
  },
  {
    path: 'audit/access',
    permission: 'audit.read',
    Page: page(
      () => import('../modules/audit/pages/access-log.page'),
      (m) => m.AccessLogPage,
    ),
    menu: { labelKey: 'menu.accessLog', icon: <EyeOutlined />, group: 'audit' },
  },
  {
    path: 'platform/tenants',
    permission: 'platform.manage',
    Page: page(
      () => import('../modules/territory/pages/tenants.page'),
      (m) => m.TenantsPage,
    ),
    menu: { labelKey: 'menu.tenants', icon: <GlobalOutlined />, group: 'platform' },
  },
  {
    path: 'account',
    Page: page(
      () => import('../modules/accounts/pages/my-account.page'),
      (m) => m.MyAccountPage,
    ),
  },
];

export const menuGroups = ['territory', 'people', 'cases', 'governance', 'audit', 'platform'] as const;
