import { Badge } from '../ui/Badge';
import type { OcppExchange } from './ocpp-exchanges';

/** "StatusNotification from the charger · answered", with the request and answer payloads on demand. */
export function OcppExchangeLine({ exchange }: { exchange: OcppExchange }) {
  const { call, answer } = exchange;
  const failed = call.kind === 'CALLERROR' || answer?.kind === 'CALLERROR' || Boolean(answer?.error);
  return (
    <div class="what">
      <strong>{call.action}</strong> <span class="muted">{call.direction === 'in' ? 'from the charger' : 'to the charger'}</span>{' '}
      {failed ? <Badge tone="bad">error</Badge> : answer ? null : <Badge tone="warn">no answer</Badge>}
      <details>
        <summary>payload</summary>
        <pre class="json">{JSON.stringify({ request: call.payload, ...(answer && { answer: answer.error ?? answer.payload }) }, null, 2)}</pre>
      </details>
    </div>
  );
}
