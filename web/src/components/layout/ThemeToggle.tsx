import type { Theme } from '../../app/theme';
import { Icon } from './icons';

export function ThemeToggle({ theme, onToggle }: { theme: Theme; onToggle: () => void }) {
  const next = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" class="btn small" onClick={onToggle} title={`Switch to ${next} mode`} aria-label={`Switch to ${next} mode`} data-testid="theme-toggle" data-theme-now={theme}>
      <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
      {next === 'dark' ? 'Dark' : 'Light'}
    </button>
  );
}
