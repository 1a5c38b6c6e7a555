import type { FastifyInstance } from 'fastify';
import { successEnvelope } from '../../ocpi/envelope.js';
import { OcpiHeader } from '../../ocpi/headers.js';
import { OcpiError } from '../../ocpi/ocpi-error.js';
import { rejection, type ReceivedCdrService } from './received-cdr-service.js';

/**
 * The eMSP's CDRs Receiver interface (OCPI 2.2.1 "CDRs"): POST a CDR, answered with a `Location`
 * header naming the URL where its sender can GET it back. The URL carries our own number for the
 * CDR, since CDR ids are unique per CPO only.
 */
export function cdrsReceiverRoutes(app: FastifyInstance, path: string, locationBase: string, cdrs: ReceivedCdrService): void {
  const config = { ocpiAccess: 'functional' as const };

  app.post(path, { config }, async (request, reply) => {
    const { caller, routing } = request.ocpi;
    const receipt = await cdrs.receive(caller.localParty, { peerId: caller.peerId, party: routing!.from }, request.body);
    if (receipt.outcome === 'rejected') throw rejection(receipt.problems);
    reply.header(OcpiHeader.Location, `${locationBase}/${receipt.seq}`);
    reply.code(receipt.outcome === 'accepted' ? 201 : 200);
    return successEnvelope();
  });

  app.get(`${path}/:seq`, { config }, async (request) => {
    const { seq } = request.params as { seq: string };
    const cdr = /^\d{1,18}$/.test(seq) ? await cdrs.getForPartner(request.ocpi.caller.localParty, request.ocpi.caller.parties, seq) : null;
    if (!cdr) throw OcpiError.notFound(`No CDR ${seq}`);
    return successEnvelope(cdr);
  });
}
