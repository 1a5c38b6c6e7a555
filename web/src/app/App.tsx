import { useEffect, useMemo, useState } from 'preact/hooks';
import { Api } from '../api/api';
import { ApiClient } from '../api/client';
import type { ServiceInfo } from '../api/types';
import { AppShell } from '../components/layout/AppShell';
import { LoginPage } from '../pages/login/LoginPage';
import { ConsoleContext, type Console } from './console-context';
import { PageView } from './PageView';
import { useRoute } from './router';
import { useTheme } from './theme';
import { tokenStore } from './token-store';

const PARTY_KEY = 'evroam.party';

/**
 * The console: the login page until an admin token is known and accepted by GET /api/service,
 * then the page the URL's hash names inside the shell.
 */
export function App() {
  const [theme, toggleTheme] = useTheme();
  const [token, setToken] = useState(tokenStore.load);
  const [service, setService] = useState<ServiceInfo>();
  const [partyKey, setPartyKey] = useState(() => sessionStorage.getItem(PARTY_KEY));
  const route = useRoute();

  const logout = () => {
    tokenStore.clear();
    setToken(null);
    setService(undefined);
  };
  const api = useMemo(() => (token ? new Api(new ApiClient(token, logout)) : null), [token]);

  // A token kept from before a reload is checked again before the console opens.
  useEffect(() => {
    if (api && !service) api.service().then(setService, logout);
  }, [api]);

  if (!token || !api) {
    return (
      <LoginPage
        theme={theme}
        onToggleTheme={toggleTheme}
        onLogin={(accepted, info) => {
          tokenStore.save(accepted);
          setService(info);
          setToken(accepted);
        }}
      />
    );
  }
  if (!service) return <div class="login loading">Connecting…</div>;

  const party = service.parties.find((p) => p.party === partyKey) ?? service.parties[0];
  if (!party) return <div class="login notice error">This evroam service hosts no party.</div>;
  const context: Console = {
    api,
    service,
    party,
    selectParty: (key) => {
      sessionStorage.setItem(PARTY_KEY, key);
      setPartyKey(key);
    },
    logout,
  };
  const page = route.parts[0] ?? 'overview';
  return (
    <ConsoleContext.Provider value={context}>
      <AppShell page={page} theme={theme} onToggleTheme={toggleTheme}>
        <PageView key={party.party} route={route} />
      </AppShell>
    </ConsoleContext.Provider>
  );
}
