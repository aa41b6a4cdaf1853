import type { Role } from '../common/domain/roles';

export interface NavigationItem {
  href: string;
  text: string;
  active?: boolean;
}

/** Who finds and registers children (`GET /children?q=` and `POST /children`'s roles). */
const CHILD_ROLES: readonly Role[] = ['practitioner', 'locality_manager', 'social_care'];

interface Section {
  href: string;
  text: string;
  roles: readonly Role[] | 'all';
}

/**
 * The service navigation, by role. A page helper adding a section (Find a child, Referrals,
 * Assessments, Locality, the admin pages) adds it here, once its page exists.
 */
const SECTIONS: readonly Section[] = [
  { href: '/', text: 'My work', roles: 'all' },
  { href: '/notifications', text: 'Notifications', roles: 'all' },
  { href: '/children/search', text: 'Find a child', roles: CHILD_ROLES },
  { href: '/children/new', text: 'Register a child', roles: CHILD_ROLES },
  { href: '/referrals', text: 'Referrals', roles: ['social_care', 'locality_manager'] },
  { href: '/assessments', text: 'Assessments', roles: ['social_care'] },
  {
    href: '/dashboard',
    text: 'Plan indicators',
    roles: ['performance_manager', 'locality_manager', 'admin'],
  },
  {
    href: '/returns/cin-census',
    text: 'Children in Need census',
    roles: ['performance_manager', 'admin'],
  },
  { href: '/locality', text: 'Locality', roles: ['locality_manager'] },
  { href: '/admin/users', text: 'Users', roles: ['admin'] },
  { href: '/admin/agencies', text: 'Agencies', roles: ['admin'] },
  { href: '/admin/localities', text: 'Localities', roles: ['admin'] },
  { href: '/admin/closures', text: 'Closure days', roles: ['admin'] },
  { href: '/admin/plan', text: 'Plan', roles: ['admin'] },
];

/** The layout's navigation items for a user; `current` is the page's section href. */
export function navigationFor(
  user: { role: Role } | undefined,
  current: string | undefined,
): NavigationItem[] {
  if (!user) return [];
  return SECTIONS.filter((s) => s.roles === 'all' || s.roles.includes(user.role)).map((s) => ({
    href: s.href,
    text: s.text,
    active: s.href === current,
  }));
}
