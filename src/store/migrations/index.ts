import type { Migration } from 'kysely';
import * as peers from './0001-peers.js';
import * as outbox from './0002-outbox.js';
import * as partnerObjects from './0003-partner-objects.js';
import * as tariffs from './0004-tariffs.js';

/** Every migration, in order. Names sort lexically, so keep the numeric prefix. */
export const migrations: Record<string, Migration> = {
  '0001-peers': peers,
  '0002-outbox': outbox,
  '0003-partner-objects': partnerObjects,
  '0004-tariffs': tariffs,
};
