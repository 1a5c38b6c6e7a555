import type { ChargerMessage } from '../../api/types';

/** One OCPP call and the answer to it (matched by message id), as operators read them: one line. */
export interface OcppExchange {
  call: ChargerMessage;
  answer: ChargerMessage | null;
}

/**
 * Pairs each CALL with its CALLRESULT or CALLERROR (OCPP-J §4: the answer repeats the call's
 * message id), in the order of the calls; an answer whose call is not in the list stands alone.
 */
export function ocppExchanges(messages: ChargerMessage[]): OcppExchange[] {
  const answers = new Map(messages.filter((m) => m.kind !== 'CALL').map((m) => [m.message_id, m]));
  const exchanges: OcppExchange[] = [];
  const paired = new Set<string>();
  for (const message of messages) {
    if (message.kind === 'CALL') {
      const answer = answers.get(message.message_id) ?? null;
      if (answer) paired.add(message.message_id);
      exchanges.push({ call: message, answer });
    }
  }
  for (const message of messages) if (message.kind !== 'CALL' && !paired.has(message.message_id)) exchanges.push({ call: message, answer: null });
  return exchanges;
}
