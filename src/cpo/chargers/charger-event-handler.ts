import type { FastifyBaseLogger } from 'fastify';
import type { BootInfo, ChargerEvents, ChargerIdToken, ChargerRef, StatusChange, TokenVerdict, TransactionEnd, TransactionStart, TransactionStartAnswer, TransactionUpdate } from '../../ocpp/charger-events.js';
import type { ChargerAuthorizer } from './charger-authorizer.js';
import type { ChargerRepository, ChargerRow } from './charger-repository.js';
import type { ChargerTransactions } from './charger-transactions.js';
import type { EvseStatuses } from './evse-statuses.js';

/** The CPO's answer to its chargers' events: statuses, tokens and transactions, each to its own part. */
export class ChargerEventHandler implements ChargerEvents {
  constructor(
    private readonly deps: { repository: ChargerRepository; statuses: EvseStatuses; authorizer: ChargerAuthorizer; transactions: ChargerTransactions; log: FastifyBaseLogger },
  ) {}

  async booted(charger: ChargerRef, boot: BootInfo): Promise<void> {
    await this.deps.repository.saveBoot(charger.identity, { ...boot, version: charger.version });
    this.deps.log.info({ charger: charger.identity, vendor: boot.vendor, model: boot.model, firmware: boot.firmwareVersion }, 'charger booted');
    await this.deps.transactions.rebooted(charger);
  }

  async statusChanged(charger: ChargerRef, change: StatusChange): Promise<void> {
    await this.deps.statuses.changed(await this.registered(charger), change);
  }

  async authorize(charger: ChargerRef, token: ChargerIdToken): Promise<TokenVerdict> {
    return this.deps.authorizer.authorize(await this.registered(charger), token);
  }

  async transactionStarted(charger: ChargerRef, start: TransactionStart): Promise<TransactionStartAnswer> {
    return this.deps.transactions.started(charger, await this.registered(charger), start);
  }

  async transactionUpdated(charger: ChargerRef, update: TransactionUpdate): Promise<TokenVerdict | null> {
    return this.deps.transactions.updated(charger, await this.registered(charger), update);
  }

  async transactionEnded(charger: ChargerRef, end: TransactionEnd): Promise<TokenVerdict | null> {
    return this.deps.transactions.ended(charger, end);
  }

  connected(charger: ChargerRef): void {
    void this.registered(charger)
      .then((row) => this.deps.statuses.reconnected(row))
      .catch((error: unknown) => this.deps.log.error({ err: error, charger: charger.identity }, 'could not restore the EVSE statuses of a reconnected charger'));
  }

  disconnected(charger: ChargerRef): void {
    this.deps.log.info({ charger: charger.identity }, 'charger disconnected');
    void this.registered(charger)
      .then((row) => this.deps.statuses.disconnected(row))
      .catch((error: unknown) => this.deps.log.error({ err: error, charger: charger.identity }, 'could not mark the EVSEs of a disconnected charger UNKNOWN'));
  }

  /** A charger unregistered while connected keeps its connection until it drops, but is served no more. */
  private async registered(charger: ChargerRef): Promise<ChargerRow> {
    const row = await this.deps.repository.getCharger(charger.identity);
    if (!row) throw new Error(`Charger ${charger.identity} is no longer registered`);
    return row;
  }
}
