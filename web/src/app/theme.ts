import { useEffect, useState } from 'preact/hooks';

export type Theme = 'light' | 'dark';

const KEY = 'evroam.theme';
const darkQuery = () => matchMedia('(prefers-color-scheme: dark)');

/**
 * The colour scheme follows the system (prefers-color-scheme) until the operator picks one with
 * the toggle; the pick is remembered in localStorage and set as `data-theme` on <html>, which the
 * CSS variables in theme.css follow.
 */
export function useTheme(): [Theme, () => void] {
  const [chosen, setChosen] = useState<Theme | null>(() => (localStorage.getItem(KEY) as Theme | null) ?? null);
  const [systemDark, setSystemDark] = useState(() => darkQuery().matches);

  useEffect(() => {
    const query = darkQuery();
    const changed = () => setSystemDark(query.matches);
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }, []);

  useEffect(() => {
    if (chosen) document.documentElement.dataset.theme = chosen;
    else delete document.documentElement.dataset.theme;
  }, [chosen]);

  const theme: Theme = chosen ?? (systemDark ? 'dark' : 'light');
  const toggle = () => {
    const next: Theme = theme === 'dark' ? 'light' : 'dark';
    localStorage.setItem(KEY, next);
    setChosen(next);
  };
  return [theme, toggle];
}
