import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { useConsole } from '../../app/console-context';
import type { Theme } from '../../app/theme';
import { BrandMark, Icon } from './icons';
import { NavMenu } from './NavMenu';
import { ThemeToggle } from './ThemeToggle';

/** The frame of every page: navigation (a menu button on phones), party in view, theme and logout. */
export function AppShell({ page, theme, onToggleTheme, children }: { page: string; theme: Theme; onToggleTheme: () => void; children: ComponentChildren }) {
  const { service, party, selectParty, logout } = useConsole();
  const [open, setOpen] = useState(false);
  return (
    <div class="shell">
      <aside class={open ? 'sidebar open' : 'sidebar'}>
        <div class="sidebar-inner">
        <div class="sidebar-top">
          <div class="brand">
            <BrandMark />
            <div>
              evroam
              <small data-testid="party-name">{party.name}</small>
            </div>
          </div>
          <button type="button" class="btn small nav-toggle" aria-expanded={open} aria-label="Menu" onClick={() => setOpen(!open)} data-testid="nav-toggle">
            <Icon name="menu" />
          </button>
        </div>
        <NavMenu party={party} current={page} onNavigate={() => setOpen(false)} />
        <div class="sidebar-foot">
          {service.parties.length > 1 ? (
            <select aria-label="Party in view" value={party.party} onChange={(e) => selectParty(e.currentTarget.value)} data-testid="party-select">
              {service.parties.map((p) => (
                <option key={p.party} value={p.party}>
                  {p.party} ({p.roles.join(', ')})
                </option>
              ))}
            </select>
          ) : (
            <div data-testid="party">
              {party.party} · {party.roles.join(', ')}
            </div>
          )}
          <div class="sidebar-actions">
            <ThemeToggle theme={theme} onToggle={onToggleTheme} />
            <button type="button" class="btn small" onClick={logout} data-testid="logout">
              Log out
            </button>
          </div>
          <div class="faint">evroam {service.version}</div>
        </div>
        </div>
      </aside>
      <main class="main">{children}</main>
    </div>
  );
}
