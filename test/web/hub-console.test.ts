import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvroamProcess, PartyOption } from '../support/evroam-process.js';
import { connectToHub } from '../support/hub-connection.js';
import { CPO_PARTY, databaseFor, EMSP_PARTY, eventually, outgoingToken, startEvroam } from '../support/roaming-pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { launchBrowser, logIn, PHONE, screenshot, type Browser } from './browser.js';
import { ensureDashboardBuilt } from './dashboard-build.js';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/roaming');
const postgres = backends.find((b) => b.name === 'postgres')!;
const HUB_PARTY: PartyOption = { countryCode: 'DE', partyId: 'HUB', roles: ['HUB'], name: 'Test Hub' };

interface ClientInfo {
  country_code: string;
  party_id: string;
  role: string;
  status: string;
}
interface HubMessage {
  seq: string;
  kind: string;
  request_id: string;
  forwarded_request_id: string | null;
  correlation_id: string;
  ocpi_status: number | null;
  error: string | null;
}
interface OcpiAnswer {
  status_code: number;
  status_message?: string;
  data?: { id?: string };
}

/**
 * The hub page of the operator console in Chromium against a real hub: three evroam processes (a
 * hub, a CPO platform and an eMSP platform connected only to the hub). The roaming agreement the
 * operator adds and removes on the page decides what the hub forwards, and what it forwarded is
 * found in the page's message log.
 */
describe('the operator console of a hub', () => {
  let hub: EvroamProcess;
  let cpo: EvroamProcess;
  let emsp: EvroamProcess;
  let emspDatabase: string;
  let hubAtEmsp: string;
  let browser: Browser;
  let page: Page;

  /** The eMSP platform reads a CPO Location through the hub, with its own credentials and our request id. */
  const readLocation = async (requestId: string): Promise<OcpiAnswer> => {
    const token = await outgoingToken(emspDatabase, 'MSP', 'HUB');
    const response = await fetch(`${hub.url}/ocpi/2.2.1/hub/sender/locations/LOC-HARBOUR`, {
      headers: {
        authorization: `Token ${Buffer.from(token).toString('base64')}`,
        'x-request-id': requestId,
        'x-correlation-id': `corr-${requestId}`,
        'ocpi-from-country-code': 'DE',
        'ocpi-from-party-id': 'MSP',
        'ocpi-to-country-code': 'NL',
        'ocpi-to-party-id': 'CPO',
      },
    });
    return (await response.json()) as OcpiAnswer;
  };
  const agreements = async () => (await hub.api<Array<{ emsp: string; cpo: string }>>('GET', '/parties/DE-HUB/hub/agreements')).body.map((a) => `${a.emsp}/${a.cpo}`);
  const cpoAtEmsp = async () => (await emsp.api<ClientInfo[]>('GET', `/peers/${hubAtEmsp}/hub-client-info`)).body.find((c) => `${c.country_code}-${c.party_id}` === 'NL-CPO')?.status;
  const messagesOf = async (requestId: string) => (await hub.api<HubMessage[]>('GET', `/parties/DE-HUB/hub/messages?request_id=${requestId}`)).body;

  /** Searches the page's message log by request id, as support would with the id a partner quoted. */
  const searchLog = async (requestId: string) => {
    await page.getByTestId('hub-search-request-id').fill(requestId);
    await page.getByTestId('hub-search-submit').click();
    await expect.poll(() => page.url()).toContain(`request_id=${requestId}`);
    // The table keeps the previous search's rows until the new answer is in.
    const rows = page.getByTestId('hub-message-table').locator('tbody tr');
    await expect.poll(async () => (await rows.count()) === 1 && (await rows.first().getAttribute('data-request-id'))).toBe(requestId);
    return rows.first();
  };

  beforeAll(async () => {
    ensureDashboardBuilt();
    const extra = { syncIntervalMinutes: 0 };
    emspDatabase = databaseFor(postgres);
    [hub, cpo, emsp] = await Promise.all([
      startEvroam({ database: databaseFor(postgres), parties: [HUB_PARTY] }),
      startEvroam({ database: databaseFor(postgres), parties: [CPO_PARTY], extra }),
      startEvroam({ database: emspDatabase, parties: [EMSP_PARTY], extra }),
    ]);
    [, hubAtEmsp] = await Promise.all([connectToHub(hub, cpo, CPO_PARTY), connectToHub(hub, emsp, EMSP_PARTY)]);
    for (const module of ['tariffs', 'locations']) {
      const imported = await cpo.api('POST', `/parties/NL-CPO/${module}/import`, JSON.parse(readFileSync(`${FIXTURES}/${module}.json`, 'utf8')));
      if (imported.status !== 200) throw new Error(JSON.stringify(imported.body));
    }
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([hub?.stop(), cpo?.stop(), emsp?.stop()]);
    await dropTestSchemas();
  });

  it('shows a hub party the Hub page with the connected parties and their ClientInfo status', async () => {
    await logIn(page, hub.url, hub.adminToken);
    expect(await page.getByTestId('nav').locator('a').allTextContents()).toEqual(['Overview', 'Partners', 'Hub']);
    // The overview opens for a hub party too, without an error.
    await page.getByTestId('kpi-grid').waitFor();
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.getByTestId('nav-hub').click();
    const clients = (await hub.api<ClientInfo[]>('GET', '/parties/DE-HUB/hub/clients')).body;
    expect(clients.map((c) => `${c.country_code}-${c.party_id}/${c.role}/${c.status}`).sort()).toEqual(['DE-MSP/EMSP/CONNECTED', 'NL-CPO/CPO/CONNECTED']);
    for (const c of clients) {
      const row = page.getByTestId(`hub-client-${c.country_code}-${c.party_id}`);
      expect(await row.getByTestId('hub-client-status').textContent()).toBe(c.status);
      expect(await row.textContent()).toContain(c.role);
    }
    expect(await page.getByTestId('hub-agreements').textContent()).toContain('No agreements');
  });

  it('forwards between the eMSP and the CPO only under the agreement added on the page', async () => {
    const refused = await readLocation('console-before-agreement');
    expect(refused.status_code).toBe(4000);
    expect(refused.status_message).toContain('No roaming agreement between DE-MSP and NL-CPO');

    await page.getByTestId('hub-agreement-emsp').fill('de-msp');
    await page.getByTestId('hub-agreement-cpo').fill('NL-CPO');
    await page.getByTestId('hub-agreement-add').click();
    await page.getByTestId('hub-agreement-DE-MSP-NL-CPO').waitFor();
    expect(await agreements()).toEqual(['DE-MSP/NL-CPO']);
    // The hub tells the eMSP's platform about the CPO it may now roam with (HubClientInfo).
    await eventually(async () => ((await cpoAtEmsp()) === 'CONNECTED' ? true : undefined), 20_000, "the CPO in the eMSP's ClientInfo");

    const permitted = await readLocation('console-under-agreement');
    expect(permitted).toMatchObject({ status_code: 1000, data: { id: 'LOC-HARBOUR' } });

    // The forwarded request in the page's message log, found by the request id the eMSP sent.
    const [logged] = await messagesOf('console-under-agreement');
    expect(logged).toMatchObject({ kind: 'DIRECT', ocpi_status: 1000, correlation_id: 'corr-console-under-agreement' });
    const row = await searchLog('console-under-agreement');
    expect(await row.getAttribute('data-testid')).toBe(`hub-message-${logged!.seq}`);
    expect(await row.getByTestId('hub-message-kind').textContent()).toBe('DIRECT');
    expect(await row.getByTestId('hub-message-ocpi-status').textContent()).toBe('1000');
    expect(await row.getByTestId('hub-message-forwarded').textContent()).toBe(`fwd ${logged!.forwarded_request_id}`);
    expect(await row.textContent()).toContain('DE-MSP → NL-CPO');
    await shoot('hub');

    // The refusal before the agreement is logged too, with the hub's reason.
    const [refusal] = await messagesOf('console-before-agreement');
    const refusedRow = await searchLog('console-before-agreement');
    expect(await refusedRow.getByTestId('hub-message-ocpi-status').textContent()).toBe(String(refusal!.ocpi_status));
    expect(await refusedRow.getByTestId('hub-message-error').textContent()).toBe(refusal!.error);
    expect(refusal!.forwarded_request_id).toBeNull();
    expect(await refusedRow.getByTestId('hub-message-forwarded').count()).toBe(0);

    // Following the correlation id lists every hop of the transaction: here, the one request.
    await page.getByTestId('hub-search-request-id').fill('');
    await page.getByTestId('hub-search-submit').click();
    await page.getByTestId('hub-search-party').fill('DE-MSP');
    await page.getByTestId('hub-search-module').selectOption('locations');
    await page.getByTestId('hub-search-submit').click();
    await page.getByTestId(`hub-message-${logged!.seq}`).waitFor();
    await page.getByTestId(`hub-message-${refusal!.seq}`).waitFor();
    await page.getByTestId(`hub-message-${logged!.seq}`).getByTestId('hub-message-correlation').click();
    await page.getByTestId(`hub-message-${refusal!.seq}`).waitFor({ state: 'detached' });
    expect(await page.getByTestId('hub-message-table').locator('tbody tr').count()).toBe(1);
    expect(await page.getByTestId('hub-search-correlation-id').inputValue()).toBe('corr-console-under-agreement');
  });

  it('stops forwarding once the agreement is removed on the page', async () => {
    await page.getByTestId('nav-hub').click();
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByTestId('hub-agreement-DE-MSP-NL-CPO').getByTestId('hub-agreement-remove').click();
    await expect.poll(() => page.getByTestId('hub-agreements').textContent()).toContain('No agreements');
    expect(await agreements()).toEqual([]);
    const refused = await readLocation('console-after-removal');
    expect(refused.status_code).toBe(4000);
    // The eMSP's platform learns the CPO is no longer reachable for it: PLANNED, as for a party never connected.
    await eventually(async () => ((await cpoAtEmsp()) === 'PLANNED' ? true : undefined), 20_000, "the CPO PLANNED in the eMSP's ClientInfo");

    const row = await searchLog('console-after-removal');
    expect(await row.getByTestId('hub-message-ocpi-status').textContent()).toBe('4000');
    await screenshot(page, 'hub', { size: PHONE });
  });

  async function shoot(name: string): Promise<void> {
    await screenshot(page, name);
    await screenshot(page, name, { theme: 'dark' });
  }
});
