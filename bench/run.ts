import { run as cdrReceive } from './cdr-receive.bench.js';
import { run as chargers } from './chargers.bench.js';
import { run as hubForwarding } from './hub-forwarding.bench.js';
import { run as locationPull } from './location-pull.bench.js';
import { run as ocpiTransport } from './ocpi-transport.bench.js';
import { run as realtimeAuthorization } from './realtime-authorization.bench.js';
import { run as reconciliation } from './reconciliation.bench.js';
import { run as statement } from './statement.bench.js';
import { run as tariffPricing } from './tariff-pricing.bench.js';

/**
 * `npm run bench`: every benchmark, one after the other. Each prints its own figures next to a
 * baseline measured in the same run, because absolute numbers on shared machines mean little.
 */
const benches: Array<[string, () => Promise<void>]> = [
  ['ocpi-transport', ocpiTransport],
  ['realtime-authorization', realtimeAuthorization],
  ['cdr-receive', cdrReceive],
  ['location-pull', locationPull],
  ['tariff-pricing', tariffPricing],
  ['chargers', chargers],
  ['reconciliation', reconciliation],
  ['statement', statement],
  ['hub', hubForwarding],
];

const only = process.argv[2];
for (const [name, run] of benches) {
  if (only && only !== name) continue;
  process.stdout.write(`\n=== ${name} ===\n`);
  await run();
}
