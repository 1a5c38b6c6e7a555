import type pg from 'pg';

/**
 * Seeds a CPO's sessions, CDRs and CDR POSTs set-based, with generate_series: a million rows in
 * seconds instead of a million round trips. Row i is session `S{i}` and CDR `C{i}`: one hour of
 * 10 kWh at LOC-{i mod 50}, 4.00 EUR excl. VAT (4.84 incl.), for a DE-MSP token.
 */

/** The JSON of CDR `C{i}` for session `{session}`, ended at `{ended}`: the fields settlement reads. */
const CDR_JSON = (i: string, session: string, ended: string, kwh: string) => `jsonb_build_object(
  'country_code', 'NL', 'party_id', 'CPO', 'id', 'C' || ${i}, 'session_id', ${session},
  'start_date_time', to_char((${ended}) - interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'end_date_time', to_char(${ended}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
  'cdr_token', jsonb_build_object('country_code', 'DE', 'party_id', 'MSP', 'uid', '04A2B3C4D5E680', 'type', 'RFID', 'contract_id', 'DE-MSP-C00012345-T'),
  'auth_method', 'WHITELIST', 'currency', 'EUR',
  'cdr_location', jsonb_build_object('id', 'LOC-' || (${i} % 50), 'country', 'NLD', 'evse_uid', 'EVSE-1', 'evse_id', 'NL*CPO*E0001*1', 'connector_id', '1', 'connector_standard', 'IEC_62196_T2', 'connector_format', 'SOCKET', 'connector_power_type', 'AC_3_PHASE', 'address', 'Stationsplein 1', 'city', 'Utrecht', 'coordinates', jsonb_build_object('latitude', '52.089444', 'longitude', '5.110278')),
  'charging_periods', jsonb_build_array(jsonb_build_object('start_date_time', to_char((${ended}) - interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'dimensions', jsonb_build_array(jsonb_build_object('type', 'ENERGY', 'volume', ${kwh})))),
  'total_cost', jsonb_build_object('excl_vat', 4, 'incl_vat', 4.84), 'total_energy', ${kwh}, 'total_time', 1,
  'last_updated', to_char(${ended}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))`;

/** Sessions 1..count, ended one a minute back from `lastEnd`, COMPLETED, their meter spanning 10 kWh. */
export async function seedSessions(sql: pg.Client, count: number, lastEnd: Date): Promise<void> {
  await sql.query(
    `insert into cpo_session (country_code, party_id, session_key, emsp_country_code, emsp_party_id, status, start_date_time, end_date_time, last_updated, data, timeline, charge_point)
     select 'NL', 'CPO', 'S' || i, 'DE', 'MSP', 'COMPLETED', e - interval '1 hour', e, e,
            jsonb_build_object('country_code', 'NL', 'party_id', 'CPO', 'id', 'S' || i, 'start_date_time', to_char(e - interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'end_date_time', to_char(e, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'kwh', 10, 'status', 'COMPLETED', 'currency', 'EUR',
                               'cdr_token', jsonb_build_object('country_code', 'DE', 'party_id', 'MSP', 'uid', '04A2B3C4D5E680', 'type', 'RFID', 'contract_id', 'DE-MSP-C00012345-T'),
                               'total_cost', jsonb_build_object('excl_vat', 4, 'incl_vat', 4.84), 'location_id', 'LOC-' || (i % 50), 'evse_uid', 'EVSE-1', 'connector_id', '1', 'auth_method', 'WHITELIST', 'last_updated', to_char(e, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')),
            jsonb_build_array(jsonb_build_object('at', to_char(e - interval '1 hour', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'energyKwh', 1000, 'state', 'CHARGING'), jsonb_build_object('at', to_char(e, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'energyKwh', 1010, 'state', 'CHARGING')),
            '{}'::jsonb
       from generate_series(1, $1::int) as i, lateral (select $2::timestamptz - (i * interval '1 minute') as e) as ended`,
    [count, lastEnd],
  );
}

/**
 * CDRs `C{i}` for i in [first, last], each for session `S{i}` (or, where `orphanEvery` divides i,
 * for a session that does not exist), recorded at `recorded(i)` (an SQL expression in i) and
 * ended at `ended(i)`; every `mismatchEvery`-th bills 11 kWh instead of the metered 10.
 */
export async function seedCdrs(sql: pg.Client, options: { first: number; last: number; ended: string; recorded: string; orphanEvery?: number; mismatchEvery?: number }): Promise<void> {
  const session = options.orphanEvery ? `case when i % ${options.orphanEvery} = 1 then 'GONE-' || i else 'S' || i end` : `'S' || i`;
  const kwh = options.mismatchEvery ? `case when i % ${options.mismatchEvery} = 0 then 11 else 10 end` : '10';
  await sql.query(
    `insert into cpo_cdr (country_code, party_id, cdr_key, emsp_country_code, emsp_party_id, credit, last_updated, data, created_at)
     select 'NL', 'CPO', 'C' || i, 'DE', 'MSP', false, r, ${CDR_JSON('i', session, 'e', kwh)}, r
       from generate_series($1::int, $2::int) as i, lateral (select ${options.ended} as e) as ended, lateral (select ${options.recorded} as r) as recorded`,
    [options.first, options.last],
  );
}

/** A delivered POST per CDR, queued when the CDR was recorded, as the CDR module writes it. */
export async function seedDeliveredPosts(sql: pg.Client, peerId: string): Promise<void> {
  await sql.query(
    `insert into outbox (peer_id, kind, module, interface_role, method, path, from_country_code, from_party_id, to_country_code, to_party_id, reference, status, attempts, created_at, delivered_at, ordering_key)
     select $1, 'cdr.post', 'cdrs', 'RECEIVER', 'POST', '[]'::jsonb, 'NL', 'CPO', 'DE', 'MSP', data->>'id', 'DELIVERED', 1, created_at, created_at + interval '2 seconds', 'DE-MSP CDRS/NL/CPO/' || upper(data->>'id')
       from cpo_cdr`,
    [peerId],
  );
}
