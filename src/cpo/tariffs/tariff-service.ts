import { canonicalJson } from '../../ocpi/canonical-json.js';
import { formatOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import type { PageRequest, PageResult } from '../../ocpi/pagination.js';
import { Tariff } from '../../ocpi/types/tariffs.js';
import { parseOcpi } from '../../ocpi/validation.js';
import { pushToPartners } from '../../outbox/fan-out.js';
import type { Database } from '../../store/database.js';
import { TariffRepository } from './tariff-repository.js';

export interface TariffWriteResult {
  tariff: Tariff;
  outcome: 'created' | 'updated' | 'unchanged';
}

/**
 * A CPO party's tariffs: validated, stored, and pushed to every eMSP partner in the same
 * transaction (OCPI 2.2.1 "Tariffs": the eMSP's receiver takes PUT and DELETE; no PATCH).
 */
export class TariffService {
  constructor(
    private readonly db: Database,
    private readonly wakeOutbox: () => void,
  ) {}

  get(party: PartyRef, id: string): Promise<Tariff | null> {
    return new TariffRepository(this.db).get(party, id);
  }

  list(party: PartyRef, page: PageRequest): Promise<PageResult<Tariff>> {
    return new TariffRepository(this.db).list(party, page);
  }

  async put(party: PartyRef, input: unknown): Promise<TariffWriteResult> {
    const [result] = await this.putMany(party, [input], () => '');
    return result!;
  }

  /** All tariffs or none: an import with one bad tariff writes nothing and names it (`[3].currency`). */
  async putMany(party: PartyRef, inputs: readonly unknown[], rootOf = (i: number) => `[${i}]`): Promise<TariffWriteResult[]> {
    const now = new Date();
    const tariffs = inputs.map((input, i) => completeTariff(party, input, now, rootOf(i)));
    const seen = new Set<string>();
    tariffs.forEach((t, i) => {
      const key = t.id.toUpperCase();
      if (seen.has(key)) throw OcpiError.invalid(`Invalid field ${rootOf(i)}.id: tariff ${t.id} appears twice`);
      seen.add(key);
    });
    const results = await this.db.transaction().execute(async (trx) => {
      const repository = new TariffRepository(trx);
      const out: TariffWriteResult[] = [];
      for (const tariff of tariffs) {
        const existing = await repository.get(party, tariff.id);
        if (existing && sameContent(existing, tariff)) {
          out.push({ tariff: existing, outcome: 'unchanged' });
          continue;
        }
        await repository.put(tariff);
        await pushToPartners(trx, party, 'EMSP', { kind: 'tariff.put', module: 'tariffs', interfaceRole: 'RECEIVER', method: 'PUT', path: [tariff.country_code, tariff.party_id, tariff.id], body: tariff, reference: tariff.id });
        out.push({ tariff, outcome: existing ? 'updated' : 'created' });
      }
      return out;
    });
    this.wakeOutbox();
    return results;
  }

  async remove(party: PartyRef, id: string): Promise<boolean> {
    const removed = await this.db.transaction().execute(async (trx) => {
      const existing = await new TariffRepository(trx).get(party, id);
      if (!existing) return false;
      await new TariffRepository(trx).delete(party, id);
      await pushToPartners(trx, party, 'EMSP', { kind: 'tariff.delete', module: 'tariffs', interfaceRole: 'RECEIVER', method: 'DELETE', path: [existing.country_code, existing.party_id, existing.id], reference: existing.id });
      return true;
    });
    this.wakeOutbox();
    return removed;
  }
}

/**
 * The operator may leave out what we know: the owner is the party, and `last_updated` is now.
 * A different owner in the body is an error, not something to overwrite silently.
 */
function completeTariff(party: PartyRef, input: unknown, now: Date, root: string): Tariff {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw OcpiError.invalid(`Invalid field ${root || '(body)'}: expected a Tariff object`);
  const body = input as Record<string, unknown>;
  for (const [field, value] of [['country_code', party.countryCode], ['party_id', party.partyId]] as const) {
    if (body[field] !== undefined && body[field] !== null && String(body[field]).toUpperCase() !== value.toUpperCase()) {
      throw OcpiError.invalid(`Invalid field ${root ? `${root}.` : ''}${field}: the tariff belongs to ${party.countryCode}-${party.partyId}, got ${JSON.stringify(body[field])}`);
    }
  }
  const tariff = parseOcpi(Tariff, { ...body, country_code: party.countryCode, party_id: party.partyId, last_updated: formatOcpiDateTime(now) }, root);
  if (tariff.start_date_time && tariff.end_date_time && new Date(tariff.end_date_time) <= new Date(tariff.start_date_time)) {
    throw OcpiError.invalid(`Invalid field ${root ? `${root}.` : ''}end_date_time: must be after start_date_time`);
  }
  return tariff;
}

function sameContent(a: Tariff, b: Tariff): boolean {
  const strip = ({ last_updated: _ignored, ...rest }: Tariff) => rest;
  return canonicalJson(strip(a)) === canonicalJson(strip(b));
}
