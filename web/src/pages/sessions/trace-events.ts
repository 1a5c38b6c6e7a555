import type { ChargerMessage, TrafficEntry } from '../../api/types';
import { ocppExchanges, type OcppExchange } from '../../components/trace/ocpp-exchanges';

/** One line of a session's story: an OCPP exchange at the charger or an OCPI request between platforms. */
export type TraceEvent = { kind: 'ocpp'; at: string; exchange: OcppExchange } | { kind: 'ocpi'; at: string; entry: TrafficEntry };

/** Both sources in time order, oldest first, so the trace reads as the session happened. */
export function traceEvents(ocpp: ChargerMessage[], ocpi: TrafficEntry[]): TraceEvent[] {
  const events: TraceEvent[] = [
    ...ocppExchanges(ocpp).map((exchange) => ({ kind: 'ocpp' as const, at: exchange.call.at, exchange })),
    ...ocpi.map((entry) => ({ kind: 'ocpi' as const, at: entry.at, entry })),
  ];
  return events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}
