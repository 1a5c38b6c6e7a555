import type { FastifyBaseLogger } from 'fastify';
import type { HostedParties } from '../peers/hosted-parties.js';
import { endpointUrl } from '../peers/peer.js';
import type { PeerRepository } from '../peers/peer-repository.js';
import type { Database } from '../store/database.js';
import { keepsPulls, type PartnerSync, type PullReport, type PullSpec } from './partner-sync.js';

export interface PullSchedule {
  /** A partner's list is pulled again this long after the last successful pull. */
  intervalMs: number;
  /** After a failed pull, the next try waits at least this long. */
  retryMs: number;
  /** How often the scheduler looks for pulls that are due. */
  checkEveryMs: number;
}

/**
 * Keeps what we hold of partners' data in step by delta pulls (`date_from` = start of the last
 * successful pull), hours apart as OCPI 2.2.1 "Transport and format" advises; pushes carry changes
 * meanwhile. A connection never pulled is due at once, so a new partner's existing data arrives
 * within `checkEveryMs`. One scheduler serves every module's PullSpec, each at the parties that keep
 * what it pulls (an eMSP pulls CPOs' locations, a hub its platforms').
 */
export class SyncScheduler {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<unknown> | null = null;

  constructor(
    private readonly deps: { db: Database; peers: PeerRepository; hosted: HostedParties; sync: Pick<PartnerSync, 'pull'>; specs: readonly PullSpec[]; log: FastifyBaseLogger },
    private readonly schedule: PullSchedule,
  ) {}

  start(): void {
    if (this.schedule.intervalMs <= 0 || this.deps.specs.length === 0) return;
    const tick = () => {
      this.#running = this.pullDue()
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'scheduled pulls failed'))
        .finally(() => {
          if (this.#timer) this.#timer = setTimeout(tick, this.schedule.checkEveryMs);
        });
    };
    this.#timer = setTimeout(tick, this.schedule.checkEveryMs);
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Runs every pull that is due; one partner's failure does not stop the others. */
  async pullDue(now = new Date()): Promise<PullReport[]> {
    const { db, peers, hosted, sync, specs, log } = this.deps;
    const reports: PullReport[] = [];
    for (const peer of (await peers.list()).filter((p) => p.status === 'REGISTERED')) {
      const localRoles = hosted.find(peer.localParty)?.roles ?? [];
      for (const spec of specs) {
        if (!keepsPulls(spec, localRoles) || !peer.roles.some((r) => r.role === spec.ownerRole) || !endpointUrl(peer, spec.module, 'SENDER')) continue;
        const state = await db.selectFrom('partner_sync').selectAll().where('peer_id', '=', peer.id).where('module', '=', spec.module).executeTakeFirst();
        const lastSuccess = state?.next_delta_from ? new Date(state.next_delta_from).getTime() : null;
        const lastRun = state?.last_run_at ? new Date(state.last_run_at).getTime() : null;
        const due = (lastSuccess === null || now.getTime() - lastSuccess >= this.schedule.intervalMs) && (lastRun === null || now.getTime() - lastRun >= this.schedule.retryMs);
        if (!due) continue;
        try {
          reports.push(await sync.pull(peer.id, spec, 'delta'));
        } catch (error) {
          log.warn({ peerId: peer.id, module: spec.module, err: error }, 'scheduled pull failed; will retry');
        }
      }
    }
    return reports;
  }
}
