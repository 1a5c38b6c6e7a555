import type { TrafficEntry } from '../../api/types';
import { Badge } from '../ui/Badge';

/** An OCPI request between platforms: method, module, partner, HTTP and OCPI status, and the ids to quote to the partner. */
export function OcpiRequestLine({ entry }: { entry: TrafficEntry }) {
  const ok = entry.http_status !== null && entry.http_status < 300 && (entry.ocpi_status === null || entry.ocpi_status < 2000);
  return (
    <div class="what">
      <strong>
        {entry.method} {entry.module ?? ''}
      </strong>{' '}
      <span class="muted">{entry.direction === 'in' ? `from ${entry.from_party ?? 'a partner'}` : `to ${entry.to_party ?? 'a partner'}`}</span>{' '}
      <Badge tone={ok ? 'ok' : 'bad'}>
        {entry.http_status ?? 'no answer'}
        {entry.ocpi_status !== null ? ` · ${entry.ocpi_status}` : ''}
      </Badge>
      {entry.latency_ms !== null && <span class="small muted"> {entry.latency_ms} ms</span>}
      <div class="ids">{entry.url}</div>
      {entry.error && <div class="small error-text">{entry.error}</div>}
      <div class="ids" data-testid="trace-request-ids">
        X-Request-ID {entry.request_id ?? '—'} · X-Correlation-ID {entry.correlation_id ?? '—'}
      </div>
    </div>
  );
}
