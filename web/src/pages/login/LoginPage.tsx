import { useState } from 'preact/hooks';
import { Api } from '../../api/api';
import { ApiClient } from '../../api/client';
import type { ServiceInfo } from '../../api/types';
import type { Theme } from '../../app/theme';
import { BrandMark } from '../../components/layout/icons';
import { ThemeToggle } from '../../components/layout/ThemeToggle';
import { ErrorNotice } from '../../components/ui/ErrorNotice';
import { Field } from '../../components/ui/Field';
import { useAction } from '../../lib/use-action';

/** Asks for the admin token and checks it with GET /api/service before the console opens. */
export function LoginPage({ onLogin, theme, onToggleTheme }: { onLogin: (token: string, service: ServiceInfo) => void; theme: Theme; onToggleTheme: () => void }) {
  const [token, setToken] = useState('');
  const check = useAction((candidate: string) => new Api(new ApiClient(candidate)).service());

  const submit = async (event: Event) => {
    event.preventDefault();
    const candidate = token.trim();
    const service = await check.run(candidate);
    if (service) onLogin(candidate, service);
  };

  return (
    <div class="login">
      <form class="card form" onSubmit={submit} data-testid="login-form">
        <div class="row">
          <div class="brand">
            <BrandMark />
            <div>
              evroam console
              <small>Roaming operations for CPOs, eMSPs and hubs</small>
            </div>
          </div>
        </div>
        <Field label="Admin token">
          <input
            type="password"
            autocomplete="current-password"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            placeholder="adminToken from evroam.config.json"
            required
            data-testid="login-token"
          />
        </Field>
        <ErrorNotice error={check.error} testid="login-error" />
        <div class="row">
          <button type="submit" class="btn primary" disabled={check.busy || !token.trim()} data-testid="login-submit">
            {check.busy ? 'Checking…' : 'Sign in'}
          </button>
          <span class="spacer" />
          <ThemeToggle theme={theme} onToggle={onToggleTheme} />
        </div>
        <p class="small muted">The token is kept in this browser tab only and sent to this service’s admin API.</p>
      </form>
    </div>
  );
}
