const KEY = 'evroam.adminToken';

/**
 * The admin token lives in sessionStorage: it survives a reload but not the closing of the tab,
 * and other sites cannot read it.
 */
export const tokenStore = {
  load: (): string | null => sessionStorage.getItem(KEY),
  save: (token: string): void => sessionStorage.setItem(KEY, token),
  clear: (): void => sessionStorage.removeItem(KEY),
};
