import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PullReport } from '../src/partner-data/partner-sync.js';
import { printTable, ratio, startBenchService } from './support.js';

const CPO = { countryCode: 'NL', partyId: 'CPO', roles: ['CPO' as const], name: 'Bench CPO' };
const EMSP = { countryCode: 'DE', partyId: 'MSP', roles: ['EMSP' as const], name: 'Bench eMSP' };
const LOCATIONS = 20_000;
/** In the template, what differs from one Location to the next: replaced by the Location's number. */
const MARK = 'TPL000';
const SAMPLE_EVERY_MS = 100;

/** A Location as a CPO operator imports it: three EVSEs, four connectors, the usual descriptive fields. */
const TEMPLATE = {
  id: `LOC-${MARK}`,
  publish: true,
  name: `Bench site ${MARK}`,
  address: 'Stationsplein 1',
  city: 'Utrecht',
  postal_code: '3511 ED',
  country: 'NLD',
  coordinates: { latitude: '52.089444', longitude: '5.110278' },
  parking_type: 'PARKING_LOT',
  evses: [1, 2, 3].map((n) => ({
    uid: `LOC-${MARK}-${n}`,
    evse_id: `NL*CPO*E${MARK}*${n}`,
    status: 'AVAILABLE',
    capabilities: ['RFID_READER', 'REMOTE_START_STOP_CAPABLE', 'UNLOCK_CAPABLE'],
    connectors: (n === 3 ? ['1', '2'] : ['1']).map((id) => ({
      id,
      standard: n === 3 ? 'IEC_62196_T2_COMBO' : 'IEC_62196_T2',
      format: n === 3 ? 'CABLE' : 'SOCKET',
      power_type: n === 3 ? 'DC' : 'AC_3_PHASE',
      max_voltage: n === 3 ? 920 : 400,
      max_amperage: n === 3 ? 200 : 32,
      max_electric_power: n === 3 ? 150000 : 22000,
      tariff_ids: [n === 3 ? 'DC-1' : 'AC-1'],
    })),
    physical_reference: `P${n}`,
    parking_restrictions: ['EV_ONLY'],
  })),
  operator: { name: 'Bench CPO B.V.', website: 'https://cpo.example.com' },
  facilities: ['TRAIN_STATION', 'CAFE'],
  time_zone: 'Europe/Amsterdam',
  opening_times: { twentyfourseven: true },
  charging_when_closed: true,
  energy_mix: { is_green_energy: true, supplier_name: 'Groene Stroom' },
};

interface Memory {
  peakRssMb: number;
  peakHeapMb: number;
  rssGrowthMb: number;
  heapGrowthMb: number;
}

/**
 * A full pull of a CPO's 20,000 Locations (60,000 EVSEs) by an eMSP through the CPO's pagination
 * at its default page limit: both services in one process on their own schemas, connected by the
 * real credentials handshake. Time and the process's memory (sampled every 100 ms) against
 * JSON.parse + JSON.stringify of the same 20,000 Locations, in the same run. Runs in a process of
 * its own, so the memory figures carry nothing of other benchmarks.
 */
export async function run(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url)], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' });
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`location-pull exited with ${code}`))));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await measure();

async function measure(): Promise<void> {
  const gc = globalThis.gc!;
  const cpo = await startBenchService([CPO]);
  const emsp = await startBenchService([EMSP]).catch(async (error: unknown) => {
    await cpo.close();
    throw error;
  });
  const realFetch = globalThis.fetch;
  try {
    // The template goes through the CPO's import, so the seeded rows copy exactly what the module stores.
    await cpo.api('POST', '/parties/NL-CPO/locations/import', [TEMPLATE]);
    const stored = await cpo.sql.query<{ location_key: string; publish: boolean; data: string; last_updated: Date }>('select location_key, publish, data::text as data, last_updated from cpo_location');
    const template = stored.rows[0]!;
    await cpo.sql.query('delete from cpo_location');
    await cpo.sql.query(
      `insert into cpo_location (country_code, party_id, location_key, publish, data, last_updated)
       select 'NL', 'CPO', replace($1, $2, lpad(i::text, 6, '0')), $3, replace($4, $2, lpad(i::text, 6, '0'))::jsonb, $5
         from generate_series(1, $6::int) as i`,
      [template.location_key, MARK, template.publish, template.data, template.last_updated, LOCATIONS],
    );
    await cpo.sql.query('analyze cpo_location');

    const invitation = await cpo.api<{ versions_url: string; token: string }>('POST', '/peers/invitations', { party: 'NL-CPO' });
    const peer = await emsp.api<{ id: string }>('POST', '/peers/registrations', { party: 'DE-MSP', versions_url: invitation.versions_url, token: invitation.token });

    // Every page is one GET of the CPO's Sender list by the eMSP's OCPI client.
    const listUrl = `${cpo.url}/ocpi/2.2.1/sender/locations`;
    let pages = 0;
    globalThis.fetch = (input, init) => {
      if (String(input instanceof Request ? input.url : input).startsWith(listUrl)) pages++;
      return realFetch(input, init);
    };
    const pulled = await measured(gc, async () => emsp.api<PullReport>('POST', `/peers/${peer.id}/pull`, { module: 'locations', mode: 'full' }));
    globalThis.fetch = realFetch;
    const report = pulled.result;
    const held = await emsp.sql.query<{ locations: string; evses: string }>(`select count(*) as locations, sum(jsonb_array_length(data->'evses')) as evses from partner_object where module = 'locations'`);
    const { locations, evses } = held.rows[0]!;
    if (report.received !== LOCATIONS || report.refused.length > 0 || Number(locations) !== LOCATIONS) throw new Error(`the pull did not store every Location: ${JSON.stringify({ ...report, refused: report.refused.slice(0, 3) })}`);

    const all = await cpo.sql.query<{ data: string }>('select data::text as data from cpo_location order by seq');
    const text = `[${all.rows.map((r) => r.data).join(',')}]`;
    all.rows.length = 0; // only the text stays alive into the measurement
    const json = await measured(gc, async (sample) => {
      const parsed = JSON.parse(text) as unknown[];
      sample();
      const out = JSON.stringify(parsed);
      sample();
      return out.length;
    });

    const row = (name: string, m: { seconds: number; memory: Memory }) => ({
      work: name,
      seconds: m.seconds.toFixed(2),
      'locations/s': Math.round(LOCATIONS / m.seconds),
      'time ratio': ratio(m.seconds, json.seconds),
      'peak RSS MB': m.memory.peakRssMb,
      'peak heap MB': m.memory.peakHeapMb,
      'RSS growth MB': m.memory.rssGrowthMb,
      'heap growth MB': m.memory.heapGrowthMb,
    });
    printTable(`Full pull of ${LOCATIONS.toLocaleString('en')} Locations (${evses} EVSEs), PostgreSQL, CPO and eMSP in this process; memory of the whole process, sampled every ${SAMPLE_EVERY_MS} ms`, [
      row(`JSON.parse + JSON.stringify of the ${(text.length / 1e6).toFixed(1)} MB list`, json),
      row(`POST /api/peers/:id/pull (locations, full)`, pulled),
    ]);
    process.stdout.write(`pages fetched: ${pages} (CPO page limit ${cpo.service.config.pageLimit}); received ${report.received}, refused ${report.refused.length}, dropped ${report.dropped}; held at the eMSP: ${locations} Locations, ${evses} EVSEs\n`);
  } finally {
    globalThis.fetch = realFetch;
    await emsp.close();
    await cpo.close();
  }
}

/**
 * Runs `work` from a collected heap and reports its seconds and the process's memory: sampled every
 * 100 ms, and whenever `work` calls `sample` (synchronous work gives the timer no turn).
 */
async function measured<T>(gc: () => void, work: (sample: () => void) => Promise<T>): Promise<{ result: T; seconds: number; memory: Memory }> {
  gc();
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  const sample = () => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  const began = performance.now();
  try {
    const result = await work(sample);
    const seconds = (performance.now() - began) / 1000;
    sample();
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    return { result, seconds, memory: { peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), rssGrowthMb: mb(peakRss - start.rss), heapGrowthMb: mb(peakHeap - start.heapUsed) } };
  } finally {
    clearInterval(timer);
  }
}
