import type { HostedParty } from '../../api/types';
import { hasRole } from '../../app/console-context';
import { href } from '../../app/router';
import { Icon, type IconName } from './icons';

interface NavItem {
  page: string;
  label: string;
  icon: IconName;
}

/**
 * The pages of the console for the party in view: locations and partners' tokens for a CPO, card
 * management for an eMSP, agreements and the message log for a hub. Sessions and settlement are
 * a CPO's or an eMSP's: a hub forwards sessions but keeps none.
 */
export function navItems(party: HostedParty): NavItem[] {
  const items: NavItem[] = [
    { page: 'overview', label: 'Overview', icon: 'overview' },
    { page: 'partners', label: 'Partners', icon: 'partners' },
  ];
  if (hasRole(party, 'CPO')) items.push({ page: 'locations', label: 'Locations & chargers', icon: 'locations' });
  if (hasRole(party, 'EMSP')) items.push({ page: 'tokens', label: 'Tokens & drivers', icon: 'tokens' });
  else if (hasRole(party, 'CPO')) items.push({ page: 'tokens', label: 'Card check', icon: 'tokens' });
  if (hasRole(party, 'CPO')) items.push({ page: 'partner-tokens', label: 'Partner tokens', icon: 'partnerTokens' });
  if (hasRole(party, 'CPO') || hasRole(party, 'EMSP')) items.push({ page: 'sessions', label: 'Sessions & CDRs', icon: 'sessions' }, { page: 'settlement', label: 'Settlement', icon: 'settlement' });
  if (hasRole(party, 'HUB')) items.push({ page: 'hub', label: 'Hub', icon: 'hub' });
  return items;
}

export function NavMenu({ party, current, onNavigate }: { party: HostedParty; current: string; onNavigate: () => void }) {
  return (
    <nav class="nav" data-testid="nav">
      {navItems(party).map((item) => (
        <a key={item.page} href={href(item.page)} aria-current={item.page === current ? 'page' : undefined} onClick={onNavigate} data-testid={`nav-${item.page}`}>
          <Icon name={item.icon} />
          {item.label}
        </a>
      ))}
    </nav>
  );
}
