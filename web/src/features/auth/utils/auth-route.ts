/**
 * The platform mails `PASSWORD_RESET_URL?token=…`, by default `<web>/reset-password?token=…`:
 * a real path, while the web routes by hash. Rewriting it to `/#/reset-password?token=…`
 * before the first render leaves the app a single routing mechanism.
 */
export const RESET_PATH = '/reset-password';
export const FORGOT_PATH = '/forgot-password';

export function hashForResetLink(location: { pathname: string; search: string }): string | null {
  if (location.pathname.replace(/\/+$/, '') !== RESET_PATH) return null;
  const token = new URLSearchParams(location.search).get('token');
  return token ? `#${RESET_PATH}?${new URLSearchParams({ token }).toString()}` : `#${RESET_PATH}`;
}

export function adoptResetLink(win: Pick<Window, 'location' | 'history'>): void {
  const hash = hashForResetLink(win.location);
  if (hash) win.history.replaceState(null, '', `/${hash}`);
}
