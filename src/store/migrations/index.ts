import type { Migration } from 'kysely';
import * as peers from './0001-peers.js';
import * as outbox from './0002-outbox.js';
import * as partnerObjects from './0003-partner-objects.js';
import * as tariffs from './0004-tariffs.js';
import * as locations from './0005-locations.js';
import * as tokens from './0006-tokens.js';
import * as sessionsCdrs from './0007-sessions-cdrs.js';
import * as outboxTargetUrl from './0008-outbox-target-url.js';
import * as commands from './0009-commands.js';
import * as retail from './0010-retail.js';
import * as chargers from './0011-chargers.js';
import * as settlement from './0012-settlement.js';
import * as hub from './0013-hub.js';
import * as chargerEdgeCases from './0014-charger-edge-cases.js';
import * as chargerState from './0015-charger-state.js';
import * as settlementWholesale from './0016-settlement-wholesale.js';
import * as trafficLog from './0017-traffic-log.js';
import * as outboxOrderingKey from './0018-outbox-ordering-key.js';
import * as hubMessageByTime from './0019-hub-message-by-time.js';

/** Every migration, in order. Names sort lexically, so keep the numeric prefix. */
export const migrations: Record<string, Migration> = {
  '0001-peers': peers,
  '0002-outbox': outbox,
  '0003-partner-objects': partnerObjects,
  '0004-tariffs': tariffs,
  '0005-locations': locations,
  '0006-tokens': tokens,
  '0007-sessions-cdrs': sessionsCdrs,
  '0008-outbox-target-url': outboxTargetUrl,
  '0009-commands': commands,
  '0010-retail': retail,
  '0011-chargers': chargers,
  '0012-settlement': settlement,
  '0013-hub': hub,
  '0014-charger-edge-cases': chargerEdgeCases,
  '0015-charger-state': chargerState,
  '0016-settlement-wholesale': settlementWholesale,
  '0017-traffic-log': trafficLog,
  '0018-outbox-ordering-key': outboxOrderingKey,
  '0019-hub-message-by-time': hubMessageByTime,
};
