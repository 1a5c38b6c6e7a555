import type { ChargerMessage } from '../../api/types';
import { formatDateTime } from '../../lib/format';
import { Badge } from '../ui/Badge';
import { OcppExchangeLine } from './OcppExchangeLine';
import { ocppExchanges } from './ocpp-exchanges';

/** A charger's OCPP calls with their answers, in the order given. */
export function OcppMessageList({ messages }: { messages: ChargerMessage[] }) {
  return (
    <ul class="timeline" data-testid="ocpp-messages">
      {ocppExchanges(messages).map((exchange) => (
        <li key={`${exchange.call.message_id}-${exchange.call.kind}`} data-testid="ocpp-message">
          <span class="when">{formatDateTime(exchange.call.at)}</span>
          <span>
            <Badge tone="info">OCPP</Badge>
          </span>
          <OcppExchangeLine exchange={exchange} />
        </li>
      ))}
    </ul>
  );
}
