import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import { formatParty, sameParty, type PartyRef } from '../../ocpi/headers.js';
import type { CdrTiming, CpoKpiFacts, DeliveryKpiFacts, EmspKpiFacts, FactWindow, SettlementKpiFacts } from '../settlement-ports.js';
import { Tally, type KpiFigures } from './kpi-figures.js';

export interface KpiPorts {
  cpo: CpoKpiFacts;
  emsp: EmspKpiFacts;
  delivery: DeliveryKpiFacts;
  /** Settled statements: settlement's own, not a role module's. */
  settlement: SettlementKpiFacts;
}

export interface KpiRequest extends FactWindow {
  /** Only events between this party and its counterparts: our party, or a partner's. */
  party?: PartyRef;
}

export interface KpiReport extends KpiFigures {
  period: { from: string; to: string };
  party: string | null;
  /** The same figures per counterpart (`CC-PID`). */
  by_partner: Record<string, KpiFigures>;
}

/**
 * The roaming KPIs from the events the role modules record (docs/SETTLEMENT.md, "KPIs"): each
 * event counts once overall and once for its counterpart, in the period on its own clock
 * (decision, command, session end, CDR issue or arrival, statement settled, message queued).
 */
export class KpiService {
  constructor(private readonly ports: KpiPorts) {}

  async report(request: KpiRequest): Promise<KpiReport> {
    const window = { from: request.from, to: request.to };
    const overall = new Tally();
    const partners = new Map<string, Tally>();
    const count = (party: PartyRef, counterpart: PartyRef | null, apply: (tally: Tally) => void) => {
      const filter = request.party;
      if (filter && !sameParty(filter, party) && !(counterpart && sameParty(filter, counterpart))) return;
      apply(overall);
      if (!counterpart) return;
      const key = formatParty(counterpart).toUpperCase();
      if (!partners.has(key)) partners.set(key, new Tally());
      apply(partners.get(key)!);
    };
    const { cpo, emsp, delivery, settlement } = this.ports;

    for (const d of await cpo.authorizations(window)) {
      // A real-time request the eMSP did not answer fell back to the cache: still a real-time attempt.
      const method = d.method === 'whitelist' ? 'whitelist' : 'realtime';
      count(d.party, d.counterpart, (t) => {
        t.authorizations[method].add(d.allowed ? d.count : 0, d.count);
        if (method === 'realtime') t.calls.add(d.method === 'realtime' ? d.count : 0, d.count);
      });
    }
    for (const d of await emsp.authorizations(window)) {
      count(d.party, d.counterpart, (t) => t.authorizations.realtime.add(d.allowed === 'ALLOWED' ? d.count : 0, d.count));
    }
    for (const c of [...(await cpo.startCommands(window)), ...(await emsp.startCommands(window))]) {
      if (c.result === null) continue;
      count(c.party, c.counterpart, (t) => t.authorizations.command.add(c.result === 'ACCEPTED' ? c.count : 0, c.count));
    }
    for (const s of [...(await cpo.endedSessions(window)), ...(await emsp.endedSessions(window))]) {
      count(s.party, s.counterpart, (t) => t.sessions.add(s.status === 'COMPLETED' && s.energy_flowed ? s.count : 0, s.count));
    }
    for (const cdr of await cpo.cdrs(window)) {
      count(cdr.party, cdr.counterpart, (t) => {
        // Only a finished POST tells: accepted (DELIVERED) or refused for good (DEAD).
        if (cdr.delivery === 'DELIVERED' || cdr.delivery === 'DEAD') t.cdrAcceptance.add(cdr.delivery === 'DELIVERED' ? 1 : 0, 1);
        t.cdrSeconds.push(secondsToCdr(cdr));
      });
    }
    for (const cdr of await emsp.cdrs(window)) {
      count(cdr.party, cdr.counterpart, (t) => {
        t.cdrAcceptance.add(1, 1);
        t.cdrSeconds.push(secondsToCdr(cdr));
      });
    }
    for (const refused of await emsp.refusedCdrs(window)) count(refused.party, refused.counterpart, (t) => t.cdrAcceptance.add(0, refused.count));
    for (const settled of await settlement.settledSessions(window)) count(settled.party, settled.counterpart, (t) => t.settlementSeconds.push(settled.seconds));
    for (const calls of await delivery.partnerCalls(window)) {
      count(calls.party, calls.counterpart, (t) => {
        t.calls.add(calls.answered, calls.attempts);
        t.deliverySeconds.push(...calls.delivery_seconds);
      });
    }

    return {
      period: { from: request.from.toISOString(), to: request.to.toISOString() },
      party: request.party ? formatParty(request.party).toUpperCase() : null,
      ...overall.figures(),
      by_partner: Object.fromEntries([...partners.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([key, tally]) => [key, tally.figures()])),
    };
  }
}

function secondsToCdr(cdr: CdrTiming): number {
  const end = parseOcpiDateTime(cdr.end_date_time) ?? new Date(cdr.end_date_time);
  return (cdr.recorded_at.getTime() - end.getTime()) / 1000;
}
