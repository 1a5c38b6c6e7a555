import { useState } from 'preact/hooks';
import { OcpiRequestLine } from '../../components/trace/OcpiRequestLine';
import { OcppExchangeLine } from '../../components/trace/OcppExchangeLine';
import { Badge } from '../../components/ui/Badge';
import { Empty } from '../../components/ui/Empty';
import { Segmented } from '../../components/ui/Segmented';
import { formatDateTime } from '../../lib/format';
import type { TraceEvent } from './trace-events';

type Show = 'all' | 'ocpp' | 'ocpi';

/**
 * The session across parties: the charger's OCPP exchanges and the OCPI requests about the
 * session and its CDR, with their X-Request-ID and X-Correlation-ID for the support desk to quote.
 */
export function TraceTimeline({ events }: { events: TraceEvent[] }) {
  const [show, setShow] = useState<Show>('all');
  if (events.length === 0) return <Empty>No OCPP messages or OCPI requests recorded for this session.</Empty>;
  const count = (kind: Show) => events.filter((e) => e.kind === kind).length;
  return (
    <div class="stack">
      <div class="row">
        <Segmented
          label="Show"
          value={show}
          onChange={setShow}
          testid="trace-filter"
          choices={[
            { value: 'all', label: `All (${events.length})` },
            { value: 'ocpp', label: `OCPP (${count('ocpp')})` },
            { value: 'ocpi', label: `OCPI (${count('ocpi')})` },
          ]}
        />
      </div>
      <ul class="timeline" data-testid="trace-timeline">
        {events
          .filter((event) => show === 'all' || event.kind === show)
          .map((event, i) =>
            event.kind === 'ocpp' ? (
              <li key={i} data-testid="trace-ocpp">
                <span class="when">{formatDateTime(event.at)}</span>
                <span>
                  <Badge tone="info">OCPP</Badge>
                </span>
                <OcppExchangeLine exchange={event.exchange} />
              </li>
            ) : (
              <li key={i} data-testid="trace-ocpi">
                <span class="when">{formatDateTime(event.at)}</span>
                <span>
                  <Badge tone="ok">OCPI</Badge>
                </span>
                <OcpiRequestLine entry={event.entry} />
              </li>
            ),
          )}
      </ul>
    </div>
  );
}
