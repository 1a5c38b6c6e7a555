import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from '../api/api';
import type { HostedParty, ServiceInfo } from '../api/types';

/** What every page needs: the API, the service it talks to, and the hosted party in view. */
export interface Console {
  api: Api;
  service: ServiceInfo;
  party: HostedParty;
  selectParty: (party: string) => void;
  logout: () => void;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole outside the logged-in console');
  return value;
}

export const hasRole = (party: HostedParty, role: HostedParty['roles'][number]) => party.roles.includes(role);
