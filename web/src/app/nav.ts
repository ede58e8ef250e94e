import { isAdminRole, type FeatureFlags, type Role } from '@bytelyst/trading-contracts';

export type PageId =
  | 'overview'
  | 'analytics'
  | 'markets'
  | 'profiles'
  | 'venues'
  | 'backtest'
  | 'data'
  | 'models'
  | 'decisions'
  | 'history'
  | 'ledger'
  | 'alerts'
  | 'marketplace'
  | 'membership'
  | 'admin';

export interface NavItem {
  id: PageId;
  label: string;
}

const ALL: NavItem[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'analytics', label: 'Performance' },
  { id: 'markets', label: 'Markets' },
  { id: 'profiles', label: 'Profiles' },
  // Short labels: an operator's thirteen tabs must fit one line at 1280 px (browser-tested).
  { id: 'venues', label: 'Venues' },
  { id: 'backtest', label: 'Backtest' },
  { id: 'data', label: 'Data' },
  { id: 'models', label: 'Models' },
  { id: 'decisions', label: 'Decisions' },
  { id: 'history', label: 'Orders & trades' },
  { id: 'ledger', label: 'Ledger' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'marketplace', label: 'Marketplace' },
  { id: 'membership', label: 'Membership' },
  { id: 'admin', label: 'Admin' },
];

/**
 * Which tabs a user sees. Hiding is a courtesy: the backend refuses flag-off and admin routes on
 * its own. An admin previewing as a customer sees exactly the customer's tabs.
 */
export function visibleNav(input: { flags: FeatureFlags; role: Role | null; preview: boolean }) {
  const isAdmin = input.role !== null && isAdminRole(input.role) && !input.preview;
  const isOperator = input.role === 'operator' && !input.preview;
  return ALL.filter((item) => {
    switch (item.id) {
      case 'decisions':
        return input.flags['tabs.decisions'];
      case 'ledger':
        return input.flags['tabs.ledger'];
      case 'marketplace':
        return input.flags['tabs.marketplace'];
      case 'membership':
        return input.flags['tabs.membership'];
      case 'backtest':
      case 'data':
        // Operators may always backtest while the feature is on; customers need their own flag.
        return input.flags.backtest && (isOperator || input.flags['backtest.customer']);
      case 'admin':
        return isAdmin && input.flags['tabs.admin'];
      default:
        return true;
    }
  });
}

export const isPageId = (s: string | undefined): s is PageId => ALL.some((i) => i.id === s);
