import { useEffect, useState } from 'preact/hooks';

export interface Route {
  /** `#/settlement/statements/4` → ['settlement', 'statements', '4'] */
  parts: string[];
  query: URLSearchParams;
}

/**
 * Pages are addressed by the URL's hash (`#/sessions/ID`), so a link or a reload opens the same
 * page whatever path the service serves the console at.
 */
export function currentRoute(): Route {
  const [path = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  return { parts: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const changed = () => setRoute(currentRoute());
    addEventListener('hashchange', changed);
    return () => removeEventListener('hashchange', changed);
  }, []);
  return route;
}

/** A link to a page: `href('sessions', id)` → `#/sessions/<id>`; query values that are empty are left out. */
export function href(...parts: Array<string | Record<string, string | undefined>>): string {
  const path = parts.filter((p): p is string => typeof p === 'string').map(encodeURIComponent).join('/');
  const query = parts.find((p): p is Record<string, string | undefined> => typeof p === 'object');
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) if (value) params.set(key, value);
  const search = params.toString();
  return `#/${path}${search ? `?${search}` : ''}`;
}

export function navigate(to: string): void {
  location.hash = to.replace(/^#/, '');
}
