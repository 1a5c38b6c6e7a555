import type { FastifyBaseLogger } from 'fastify';
import type {
  BootInfo,
  BootVerdict,
  ChargerEvents,
  ChargerIdToken,
  ChargerRef,
  StatusChange,
  TokenVerdict,
  TransactionEnd,
  TransactionStart,
  TransactionStartAnswer,
  TransactionUpdate,
} from '../../ocpp/charger-events.js';
import type { ChargerAuthorizer } from './charger-authorizer.js';
import type { ChargerRepository, ChargerRow } from './charger-repository.js';
import type { ChargerTransactions } from './charger-transactions.js';
import type { EvseStatuses } from './evse-statuses.js';

/** A connected charger that an operator has not mapped yet (auto-registration). */
const PENDING = 'pending';

/**
 * The CPO's answer to its chargers' events: statuses, tokens and transactions, each to its own
 * part. A charger held Pending is answered Pending at boot and served nothing else: its tokens are
 * Invalid and its transactions are answered (with an id, as OCPP requires) but start no session,
 * so it neither charges nor retries (OCPP 1.6 §4.2.1, 2.0.1 B02: no transactions before Accepted).
 */
export class ChargerEventHandler implements ChargerEvents {
  constructor(
    private readonly deps: { repository: ChargerRepository; statuses: EvseStatuses; authorizer: ChargerAuthorizer; transactions: ChargerTransactions; log: FastifyBaseLogger },
  ) {}

  async booted(charger: ChargerRef, boot: BootInfo): Promise<BootVerdict> {
    const known = await this.lookup(charger);
    const stored = { ...boot, version: charger.version };
    if (known === null) return 'Rejected';
    if (known === PENDING) {
      await this.deps.repository.savePendingBoot(charger.identity, stored);
      this.deps.log.info({ charger: charger.identity, vendor: boot.vendor, model: boot.model }, 'unknown charger booted; held Pending until an operator maps it');
      return 'Pending';
    }
    await this.deps.repository.saveBoot(charger.identity, stored);
    this.deps.log.info({ charger: charger.identity, vendor: boot.vendor, model: boot.model, firmware: boot.firmwareVersion }, 'charger booted');
    await this.deps.transactions.rebooted(charger);
    return 'Accepted';
  }

  async statusChanged(charger: ChargerRef, change: StatusChange): Promise<void> {
    const known = await this.registered(charger);
    if (known !== PENDING) await this.deps.statuses.changed(known, change);
  }

  async authorize(charger: ChargerRef, token: ChargerIdToken): Promise<TokenVerdict> {
    const known = await this.registered(charger);
    return known === PENDING ? 'Invalid' : this.deps.authorizer.authorize(known, token);
  }

  async transactionStarted(charger: ChargerRef, start: TransactionStart): Promise<TransactionStartAnswer> {
    const known = await this.registered(charger);
    if (known !== PENDING) return this.deps.transactions.started(charger, known, start);
    this.deps.log.warn({ charger: charger.identity }, 'a charger held Pending started a transaction; answered Invalid');
    return { transactionId: start.transactionId ?? String(await this.deps.repository.nextNumber()), verdict: 'Invalid' };
  }

  async transactionUpdated(charger: ChargerRef, update: TransactionUpdate): Promise<TokenVerdict | null> {
    const known = await this.registered(charger);
    if (known !== PENDING) return this.deps.transactions.updated(charger, known, update);
    return update.idToken ? 'Invalid' : null;
  }

  async transactionEnded(charger: ChargerRef, end: TransactionEnd): Promise<TokenVerdict | null> {
    return this.deps.transactions.ended(charger, end);
  }

  connected(charger: ChargerRef): void {
    void this.lookup(charger)
      .then((known) => (known && known !== PENDING ? this.deps.statuses.reconnected(known) : undefined))
      .catch((error: unknown) => this.deps.log.error({ err: error, charger: charger.identity }, 'could not restore the EVSE statuses of a reconnected charger'));
  }

  disconnected(charger: ChargerRef): void {
    this.deps.log.info({ charger: charger.identity }, 'charger disconnected');
    void this.lookup(charger)
      .then((known) => (known && known !== PENDING ? this.deps.statuses.disconnected(known) : undefined))
      .catch((error: unknown) => this.deps.log.error({ err: error, charger: charger.identity }, 'could not mark the EVSEs of a disconnected charger UNKNOWN'));
  }

  /** The charger's registration, PENDING while an operator has not mapped it, null when it is neither (removed while connected). */
  private async lookup(charger: ChargerRef): Promise<ChargerRow | typeof PENDING | null> {
    const row = await this.deps.repository.getCharger(charger.identity);
    if (row) return row;
    return (await this.deps.repository.getPending(charger.identity)) ? PENDING : null;
  }

  /** A charger unregistered while connected keeps its connection until it drops, but is served no more. */
  private async registered(charger: ChargerRef): Promise<ChargerRow | typeof PENDING> {
    const known = await this.lookup(charger);
    if (!known) throw new Error(`Charger ${charger.identity} is no longer registered`);
    return known;
  }
}
