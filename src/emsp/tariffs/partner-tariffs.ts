import { parseOcpiDateTime } from '../../ocpi/datetime.js';
import type { PartyRef } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { Tariff } from '../../ocpi/types/tariffs.js';
import { parseOcpi } from '../../ocpi/validation.js';
import type { PartnerObjectRepository, StoreOutcome } from '../../partner-data/partner-object-repository.js';
import type { PullSpec } from '../../partner-data/partner-sync.js';

const MODULE = 'tariffs';

/** The CPOs' tariffs an eMSP party holds, as pushed or pulled (OCPI 2.2.1 "Tariffs", receiver). */
export class PartnerTariffs {
  constructor(private readonly objects: PartnerObjectRepository) {}

  /** Stores one tariff the owner sent; the owner and id must be the ones the caller addressed. */
  async store(local: PartyRef, owner: PartyRef, body: unknown, peerId: string, expectedId?: string): Promise<StoreOutcome> {
    const tariff = parseOcpi(Tariff, body);
    if (tariff.country_code.toUpperCase() !== owner.countryCode.toUpperCase() || tariff.party_id.toUpperCase() !== owner.partyId.toUpperCase()) {
      throw OcpiError.invalid(`Invalid field country_code/party_id: ${tariff.country_code}-${tariff.party_id} is not the owner ${owner.countryCode}-${owner.partyId}`);
    }
    if (expectedId !== undefined && tariff.id.toUpperCase() !== expectedId.toUpperCase()) {
      throw OcpiError.invalid(`Invalid field id: ${JSON.stringify(tariff.id)} does not match the URL's ${JSON.stringify(expectedId)}`);
    }
    return this.objects.put({ local, module: MODULE, owner, id: tariff.id }, tariff, parseOcpiDateTime(tariff.last_updated)!, peerId);
  }

  async get(local: PartyRef, owner: PartyRef, id: string): Promise<Tariff | null> {
    const row = await this.objects.get({ local, module: MODULE, owner, id });
    return row ? (row.data as Tariff) : null;
  }

  delete(local: PartyRef, owner: PartyRef, id: string): Promise<boolean> {
    return this.objects.delete({ local, module: MODULE, owner, id });
  }

  /** Pulling a CPO's Sender list: each tariff is stored under the owner it names, if the CPO speaks for it. */
  pullSpec(): PullSpec {
    return {
      module: MODULE,
      ownerRole: 'CPO',
      store: async (item, peer) => {
        const owner = ownerOf(item);
        if (!peer.roles.some((r) => r.role === 'CPO' && r.country_code.toUpperCase() === owner.countryCode.toUpperCase() && r.party_id.toUpperCase() === owner.partyId.toUpperCase())) {
          throw OcpiError.invalid(`Tariff of ${owner.countryCode}-${owner.partyId}, which this partner does not speak for`);
        }
        await this.store(peer.localParty, owner, item, peer.id);
      },
    };
  }
}

function ownerOf(item: unknown): PartyRef {
  const body = (item ?? {}) as { country_code?: unknown; party_id?: unknown };
  if (typeof body.country_code !== 'string' || typeof body.party_id !== 'string') throw OcpiError.invalid('Invalid field country_code/party_id: missing');
  return { countryCode: body.country_code, partyId: body.party_id };
}
