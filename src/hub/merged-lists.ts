import { OcpiError } from '../ocpi/ocpi-error.js';
import { pageHeaders, parsePageRequest } from '../ocpi/pagination.js';
import { OcpiStatus } from '../ocpi/status-codes.js';
import type { AgreementBook } from './agreement-book.js';
import { successAnswer, type HubAnswer, type HubCall } from './hub-call.js';
import { STORED_MODULES } from './hub-interfaces.js';
import type { PushedObjects } from './pushed-objects.js';

/**
 * A Sender-interface list addressed to the hub itself ("GET all via a hub", OCPI 2.2.1 "Message
 * routing"): the objects of every party the caller may roam with, as they were pushed to the
 * caller through the hub or as the hub last pulled them from their owner's platform, each once in
 * its newest copy, owners named inside the objects, paginated like any Sender list
 * (`X-Total-Count` of what the caller may see, `Link` keeping the filters).
 */
export class MergedLists {
  constructor(
    private readonly deps: { agreements: AgreementBook; pushed: PushedObjects; pageLimit: number },
  ) {}

  async list(call: HubCall): Promise<HubAnswer> {
    if (!STORED_MODULES.includes(call.module) || call.role !== 'SENDER' || call.path.length > 0) {
      throw new OcpiError(OcpiStatus.UnknownReceiver, `The hub itself answers only the ${STORED_MODULES.join(', ')} lists; name the party in OCPI-to-* for anything else`);
    }
    const { pageLimit } = this.deps;
    const page = parsePageRequest(Object.fromEntries(new URLSearchParams(call.search)), pageLimit);
    const audience = call.routing.from;
    const owners = await this.deps.agreements.partnersOf(call.caller.localParty, audience);
    await this.deps.pushed.flush();
    const result = await this.deps.pushed.list([audience, call.caller.localParty], call.module, owners, page);
    return successAnswer(result.items, undefined, pageHeaders(call.url, page, result.items.length, result.total, pageLimit));
  }
}
