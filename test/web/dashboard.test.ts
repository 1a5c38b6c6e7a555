import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/roaming-pair.js';
import { launchBrowser, logIn, PHONE, screenshot, type Browser } from './browser.js';
import { ensureDashboardBuilt } from './dashboard-build.js';
import { startDemo, type Demo } from './demo-services.js';
import { expectRevenueOfApi, type RevenueReport } from './revenue-check.js';

interface Rate {
  value: number | null;
  succeeded: number;
  total: number;
}
interface Session {
  id: string;
  cdr_token: { uid: string };
}
interface Cdr {
  id: string;
  session_id: string;
  end_date_time: string;
}

const ANNA = '04A23B5C6D7E80';
const BEN = '04B1C2D3E4F501';
const CHLOE = '04C9D8E7F6A502';
const RATE_KPIS: Record<string, string> = {
  authorization_success_rate: 'authorizations',
  cdr_acceptance_rate: 'CDRs',
  session_success_rate: 'sessions',
  partner_endpoint_availability: 'calls',
};

/** The page in light and dark at laptop width, for a reviewer to look at. */
async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  await screenshot(page, name, { theme: 'dark' });
}

/**
 * The operator console (issue 8) in Debian's Chromium against `evroam demo`: a CPO and an eMSP
 * with the demo's sessions. Expected figures come from the same services' admin API.
 */
describe('operator dashboard', () => {
  let demo: Demo;
  let browser: Browser;
  let cpoPage: Page;
  let emspPage: Page;

  beforeAll(async () => {
    ensureDashboardBuilt();
    demo = await startDemo();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('asks for the admin token, refuses a wrong one and opens the console with the right one', async () => {
    cpoPage = await browser.context.newPage();
    await cpoPage.goto(demo.cpo.url);
    await shoot(cpoPage, 'login');
    // The theme follows the system until the toggle picks one.
    const theme = () => cpoPage.evaluate('document.documentElement.dataset.theme ?? null');
    expect(await theme()).toBeNull();
    await cpoPage.getByTestId('theme-toggle').click();
    await expect.poll(theme).toBe('dark');
    await cpoPage.getByTestId('theme-toggle').click();
    await expect.poll(theme).toBe('light');
    // Back to following the system, which the screenshots emulate.
    await cpoPage.evaluate("localStorage.removeItem('evroam.theme')");
    await cpoPage.reload();
    expect(await theme()).toBeNull();

    await cpoPage.getByTestId('login-token').fill('not-the-token');
    await cpoPage.getByTestId('login-submit').click();
    await expect.poll(() => cpoPage.getByTestId('login-error').textContent()).toContain('wrong admin token');

    await cpoPage.getByTestId('login-token').fill(demo.cpo.adminToken);
    await cpoPage.getByTestId('login-submit').click();
    await cpoPage.getByTestId('nav').waitFor();
    expect(await cpoPage.getByTestId('party-name').textContent()).toBe('Harbour Charging (demo CPO)');
    expect(await cpoPage.getByTestId('nav').locator('a').allTextContents()).toEqual(['Overview', 'Partners', 'Locations & chargers', 'Card check', 'Partner tokens', 'Sessions & CDRs', 'Settlement']);

    // A reload keeps the session (the token is in sessionStorage); logging out forgets it.
    await cpoPage.reload();
    await cpoPage.getByTestId('nav').waitFor();
    await cpoPage.getByTestId('logout').click();
    await cpoPage.getByTestId('login-form').waitFor();
    await logIn(cpoPage, demo.cpo.url, demo.cpo.adminToken);
  });

  it('draws the KPI charts with the figures of the API for the period shown', async () => {
    await cpoPage.goto(`${demo.cpo.url}/#/overview`);
    const grid = cpoPage.getByTestId('kpi-grid');
    await grid.waitFor();
    const from = (await grid.getAttribute('data-from'))!;
    const to = (await grid.getAttribute('data-to'))!;
    const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const overall = await demo.cpo.api<Record<string, Rate>>('GET', `/kpis?${query}`);
    const series = await demo.cpo.api<{ points: Array<{ figures: Record<string, Rate> }> }>('GET', `/kpis/series?${query}&bucket=${await grid.getAttribute('data-bucket')}`);
    // The demo's five taps: four cards allowed, the stranger's refused.
    expect(overall.authorization_success_rate).toMatchObject({ succeeded: 4, total: 5 });

    for (const [kpi, unit] of Object.entries(RATE_KPIS)) {
      const figure = overall[kpi]!;
      expect(await cpoPage.getByTestId(`kpi-value-${kpi}`).textContent(), kpi).toBe(figure.value === null ? '—' : `${(figure.value * 100).toFixed(1)} %`);
      expect(await cpoPage.getByTestId(`kpi-basis-${kpi}`).textContent(), kpi).toBe(figure.total ? `${figure.succeeded} of ${figure.total} ${unit}` : `no ${unit} in this period`);
      const chart = cpoPage.getByTestId(`chart-${kpi}`);
      expect(Number(await chart.getAttribute('data-points')), kpi).toBe(series.points.length);
      // Bars are the events per bucket: together, the period's total; a point for each bucket with events.
      const bars = (await chart.locator('rect.bar').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('data-value'))))) as number[];
      expect(bars.reduce((a, b) => a + b, 0), kpi).toBe(figure.total);
      expect(await chart.locator('circle.point').count(), kpi).toBe(series.points.filter((p) => p.figures[kpi]!.value !== null).length);
    }
    expect(await cpoPage.getByTestId('kpi-basis-time_from_session_end_to_cdr').textContent()).toContain('4 CDRs');

    await shoot(cpoPage, 'overview');
    await screenshot(cpoPage, 'overview', { size: PHONE });
    await screenshot(cpoPage, 'overview', { size: PHONE, theme: 'dark' });
    await cpoPage.setViewportSize(PHONE);
    expect(await cpoPage.getByTestId('nav-partners').isVisible()).toBe(false);
    await cpoPage.getByTestId('nav-toggle').click();
    await cpoPage.getByTestId('nav-partners').waitFor({ state: 'visible' });
    await screenshot(cpoPage, 'overview-menu', { size: PHONE });
    await cpoPage.getByTestId('nav-partners').click();
    await cpoPage.setViewportSize({ width: 1366, height: 860 });
    await cpoPage.getByTestId('partner-DE-MSP').waitFor();
    expect(await cpoPage.getByTestId('partner-status').textContent()).toBe('REGISTERED');
    await shoot(cpoPage, 'partners');

    await cpoPage.getByTestId('nav-locations').click();
    await cpoPage.getByTestId('map-pin-LOC-HARBOUR').click();
    await cpoPage.getByTestId('evse-EVSE-H1').waitFor();
    await cpoPage.getByTestId('charger-CB-HARBOUR-1').click();
    await cpoPage.getByTestId('ocpp-message').first().waitFor();
    await shoot(cpoPage, 'locations');
  });

  it("follows one session's trace from the charger's OCPP frames to the OCPI requests and its CDR", async () => {
    const sessions = await demo.cpo.api<Session[]>('GET', '/parties/NL-CPO/sessions');
    const session = sessions.find((s) => s.cdr_token.uid === ANNA)!;
    const cdr = (await demo.cpo.api<Array<{ cdr: Cdr }>>('GET', '/parties/NL-CPO/cdrs')).map((c) => c.cdr).find((c) => c.session_id === session.id)!;
    const { entries } = await demo.cpo.api<{ entries: Array<{ request_id: string; module: string; method: string }> }>('GET', `/traffic?cdr_id=${encodeURIComponent(cdr.id)}`);
    const cdrPost = entries.find((e) => e.module === 'cdrs' && e.method === 'POST')!;

    await cpoPage.getByTestId('nav-sessions').click();
    await cpoPage.getByTestId('session-search').fill(ANNA);
    await cpoPage.getByTestId('session-search').press('Enter');
    await expect.poll(() => cpoPage.getByTestId('session-table').locator('tbody tr').count()).toBe(1);
    await shoot(cpoPage, 'sessions');
    // The API searches (no list is loaded whole): CDRs by part of their id, in any case.
    await cpoPage.goto(`${demo.cpo.url}/#/sessions?tab=cdrs&q=${cdr.id.slice(-8).toLowerCase()}`);
    await expect.poll(() => cpoPage.getByTestId('cdr-table').locator('tbody tr').count()).toBe(1);
    await cpoPage.getByTestId(`cdr-${cdr.id}`).waitFor();
    await cpoPage.goto(`${demo.cpo.url}/#/sessions?q=${ANNA}`);
    await cpoPage.getByTestId(`session-${session.id}`).click();

    await cpoPage.getByTestId('session-trace').waitFor();
    expect(await cpoPage.getByTestId('trace-session-id').textContent()).toBe(session.id);
    expect(await cpoPage.getByTestId('trace-status').textContent()).toBe('COMPLETED');
    expect(await cpoPage.getByTestId('trace-cdr-id').textContent()).toBe(cdr.id);
    const ocpp = (await cpoPage.getByTestId('trace-ocpp').allTextContents()).join('\n');
    // Anna charged at an OCPP 1.6 charger.
    expect(ocpp).toContain('StartTransaction');
    expect(ocpp).toContain('StopTransaction');
    const ocpi = (await cpoPage.getByTestId('trace-ocpi').allTextContents()).join('\n');
    expect(ocpi).toContain('POST cdrs');
    expect(ocpi).toContain(`X-Request-ID ${cdrPost.request_id}`);
    await shoot(cpoPage, 'session-trace');
    await screenshot(cpoPage, 'session-trace', { size: PHONE });
  });

  it('blocks a token at the eMSP, and the CPO holds it invalid and refuses it once the change has been pushed', async () => {
    const checkCard = async () => {
      await cpoPage.getByTestId('card-check-uid').fill(CHLOE);
      await cpoPage.getByTestId('card-check-submit').click();
      const result = cpoPage.getByTestId('card-check-result');
      await result.waitFor();
      return result;
    };
    /** The state of Chloé's card on the CPO's Partner tokens page, found by the API's search. */
    const heldState = async () => {
      await cpoPage.getByTestId('nav-partner-tokens').click();
      await cpoPage.getByTestId('partner-token-search').fill(CHLOE.slice(-6).toLowerCase());
      await expect.poll(() => cpoPage.getByTestId('partner-tokens').locator('tbody tr').count()).toBe(1);
      return cpoPage.getByTestId(`partner-token-${CHLOE}`).getByTestId('partner-token-state').textContent();
    };
    expect(await heldState()).toBe('VALID');
    await cpoPage.getByTestId('nav-tokens').click();
    expect(await (await checkCard()).getAttribute('data-allowed')).toBe('true');

    emspPage = await browser.context.newPage();
    await logIn(emspPage, demo.emsp.url, demo.emsp.adminToken);
    await emspPage.getByTestId('nav-tokens').click();
    await emspPage.getByTestId('token-search').fill(CHLOE);
    await expect.poll(() => emspPage.getByTestId('token-list').locator('tbody tr').count()).toBe(1);
    await emspPage.getByTestId(`token-${CHLOE}`).click();
    await emspPage.getByTestId('authorization-history').locator('tbody tr').first().waitFor();
    await emspPage.getByTestId('token-block').click();
    await expect.poll(() => emspPage.getByTestId('token-detail-state').textContent()).toBe('BLOCKED');
    await expect.poll(() => emspPage.getByTestId(`token-${CHLOE}`).getByTestId('token-state').textContent()).toBe('BLOCKED');
    await shoot(emspPage, 'tokens');

    // The push arrives: the CPO's page shows the card invalid, as its API holds it.
    await eventually(async () => ((await heldState()) === 'INVALID' ? true : undefined), 20_000, 'the blocked card at the CPO');
    const held = await demo.cpo.api<Array<{ uid: string; valid: boolean; whitelist: string }>>('GET', `/parties/NL-CPO/partner-tokens?q=${CHLOE}`);
    expect(held.map((t) => [t.uid, t.valid])).toEqual([[CHLOE, false]]);
    expect(await cpoPage.getByTestId(`partner-token-${CHLOE}`).textContent()).toContain(held[0]!.whitelist);
    await shoot(cpoPage, 'partner-tokens');

    // Chloé's whitelist is ALWAYS: the CPO decides from the token list the eMSP pushes, never asking.
    await cpoPage.getByTestId('nav-tokens').click();
    const refused = await eventually(async () => {
      const result = await checkCard();
      return (await result.getAttribute('data-allowed')) === 'false' ? result : undefined;
    }, 20_000, 'the CPO to refuse the blocked card');
    expect(await refused.getByTestId('card-check-status').textContent()).toBe('BLOCKED');
    expect(await refused.getByTestId('card-check-method').textContent()).toBe("the eMSP's pushed token list");
    await shoot(cpoPage, 'card-check');
  });

  it('opens a dispute about a CDR from its trace and settles it: the CPO credits the CDR', async () => {
    const sessions = await demo.cpo.api<Session[]>('GET', '/parties/NL-CPO/sessions');
    const session = sessions.find((s) => s.cdr_token.uid === BEN)!;
    await cpoPage.goto(`${demo.cpo.url}/#/sessions/${session.id}`);
    const cdrId = (await cpoPage.getByTestId('trace-cdr-id').textContent())!;
    await cpoPage.getByTestId('dispute-cdr').click();

    expect(await cpoPage.getByTestId('dispute-cdr-id').inputValue()).toBe(cdrId);
    await expect.poll(() => cpoPage.getByTestId('dispute-counterpart').inputValue()).toBe('DE-MSP');
    await cpoPage.getByTestId('dispute-reason').fill('Driver reports the charger stopped twice');
    await shoot(cpoPage, 'disputes');
    await cpoPage.getByTestId('dispute-open').click();
    await expect.poll(() => cpoPage.getByTestId('dispute-status').textContent()).toBe('OPEN');
    await shoot(cpoPage, 'dispute-open');

    await cpoPage.getByTestId('dispute-accept').click();
    await cpoPage.getByTestId('dispute-accept-text').fill('Credited in full');
    await cpoPage.getByTestId('dispute-accept-confirm').click();
    await expect.poll(() => cpoPage.getByTestId('dispute-status').textContent()).toBe('ACCEPTED');
    const creditId = (await cpoPage.getByTestId('dispute-credit-cdr').textContent())!;
    expect(await cpoPage.getByTestId('dispute-events').textContent()).toContain('Credited in full');
    await shoot(cpoPage, 'dispute');

    // The credit CDR reaches the eMSP through the outbox.
    await eventually(async () => {
      const received = await demo.emsp.api<Array<{ cdr: { id: string; credit?: boolean } }>>('GET', '/parties/DE-MSP/received/cdrs');
      return received.find((r) => r.cdr.id === creditId && r.cdr.credit) ?? undefined;
    }, 20_000, 'the credit CDR at the eMSP');
  });

  it("finds the sessions the eMSP received by part of the token uid, searched by the API as the CPO's are", async () => {
    const received = await eventually(async () => {
      const found = await demo.emsp.api<Array<{ session: Session }>>('GET', `/parties/DE-MSP/received/sessions?q=${BEN}`);
      return found.length > 0 ? found : undefined;
    }, 20_000, "Ben's sessions at the eMSP");
    await emspPage.goto(`${demo.emsp.url}/#/sessions?q=${BEN.slice(-6).toLowerCase()}`);
    await expect.poll(() => emspPage.getByTestId('session-table').locator('tbody tr').count()).toBe(received.length);
    await emspPage.getByTestId(`session-${received[0]!.session.id}`).waitFor();
    expect(await emspPage.getByTestId('session-list').textContent()).toContain(`${received.length} matching`);
  });

  it("edits the partner's settlement agreement before a statement is built, and the edit persists", async () => {
    await cpoPage.getByTestId('nav-settlement').click();
    await cpoPage.getByTestId('findings').waitFor();
    await shoot(cpoPage, 'findings');
    await cpoPage.getByTestId('tab-statements').click();
    const terms = () => cpoPage.getByTestId('agreement-terms').textContent();
    await expect.poll(terms).toContain('30 days');
    expect(await cpoPage.getByTestId('agreement').textContent()).toContain('None stored: the defaults apply');

    await cpoPage.getByTestId('agreement-edit').click();
    // A wholesale price basis needs its price list: the API refuses, naming the field, and stores nothing.
    await cpoPage.getByTestId('agreement-price-basis').selectOption('WHOLESALE');
    await cpoPage.getByTestId('agreement-save').click();
    await expect.poll(() => cpoPage.getByTestId('agreement-error').textContent()).toContain('(field: wholesale_tariff)');
    expect(await demo.cpo.api<{ stored: boolean }>('GET', '/settlement/agreements/NL-CPO/DE-MSP')).toMatchObject({ stored: false, price_basis: 'CPO_TARIFFS' });

    await cpoPage.getByTestId('agreement-price-basis').selectOption('CPO_TARIFFS');
    await cpoPage.getByTestId('agreement-payment-terms-days').fill('14');
    await cpoPage.getByTestId('agreement-transaction-fee-percent').fill('1.5');
    await cpoPage.getByTestId('agreement-hub-fee-per-session').fill('0.1');
    await shoot(cpoPage, 'agreement-edit');
    await cpoPage.getByTestId('agreement-save').click();
    await expect.poll(terms).toContain('14 days');
    expect(await terms()).toContain('1.5 %');

    // Stored: the page shows it after a reload, and the API has it.
    await cpoPage.reload();
    await expect.poll(terms).toContain('14 days');
    expect(await terms()).toContain('0.10 EUR');
    expect(await cpoPage.getByTestId('agreement').textContent()).toContain('NL-CPO settles as CPO');
    expect(await demo.cpo.api('GET', '/settlement/agreements/NL-CPO/DE-MSP')).toMatchObject({ stored: true, payment_terms_days: 14, transaction_fee_percent: 1.5, hub_fee_per_session: 0.1, price_basis: 'CPO_TARIFFS', period: 'MONTHLY' });
    await shoot(cpoPage, 'statements-agreement');
  });

  it('builds a statement, exports it as CSV, and issues and settles it', async () => {
    const cdrs = (await demo.cpo.api<Array<{ cdr: Cdr }>>('GET', '/parties/NL-CPO/cdrs')).map((c) => c.cdr);
    const period = cdrs[0]!.end_date_time.slice(0, 7);

    await cpoPage.getByTestId('nav-settlement').click();
    await cpoPage.getByTestId('tab-statements').click();
    await cpoPage.getByTestId('statement-period').fill(period);
    await cpoPage.getByTestId('statement-build').click();
    await cpoPage.getByTestId('statement').waitFor();
    const statementId = decodeURIComponent(new URL(cpoPage.url()).hash.split('/').pop()!);
    const statement = await demo.cpo.api<{ totals: { net: string; lines: number; fees: string }; lines: Array<{ cdr_id: string }>; agreement: { payment_terms_days: number } }>('GET', `/settlement/statements/${statementId}`);
    // The demo's four CDRs and the credit of the accepted dispute, on the terms agreed just before.
    expect(statement.totals.lines).toBe(5);
    expect(statement.agreement.payment_terms_days).toBe(14);
    expect(Number(statement.totals.fees)).toBeGreaterThan(0);
    expect(await cpoPage.getByTestId('statement-agreement').textContent()).toContain('14 days');
    expect(await cpoPage.getByTestId('statement-lines').locator('tbody tr').count()).toBe(5);
    expect(await cpoPage.getByTestId('statement-net').locator('.tile-value').textContent()).toBe(`${Number(statement.totals.net).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 })} EUR`);
    await shoot(cpoPage, 'statement');

    const [download] = await Promise.all([cpoPage.waitForEvent('download'), cpoPage.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toBe(`statement-${statementId}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
    expect(csv[0]).toMatch(/^statement_id,party,counterpart,period,cdr_id,/);
    expect(csv.slice(1).map((line) => line.split(',')[4]).sort()).toEqual(statement.lines.map((l) => l.cdr_id).sort());

    cpoPage.once('dialog', (dialog) => void dialog.accept());
    await cpoPage.getByTestId('statement-issue').click();
    await expect.poll(() => cpoPage.getByTestId('statement-status').textContent()).toBe('ISSUED');
    await cpoPage.getByTestId('statement-settle').click();
    await expect.poll(() => cpoPage.getByTestId('statement-status').textContent()).toBe('SETTLED');

    await cpoPage.getByTestId('nav-settlement').click();
    await cpoPage.getByTestId('tab-statements').click();
    await cpoPage.getByTestId(`statement-${statementId}`).waitFor();
    await shoot(cpoPage, 'statements');
  });

  it('reports the revenue the statements add up to, for the CPO and the eMSP, as the API does', async () => {
    await cpoPage.getByTestId('nav-settlement').click();
    await cpoPage.getByTestId('tab-revenue').click();
    const cpoReport = await expectRevenueOfApi(cpoPage, (query) => demo.cpo.api<RevenueReport>('GET', `/settlement/revenue?party=NL-CPO&${query}`));
    // Four sessions billed, the accepted dispute's credit, and the fees agreed above.
    expect(cpoReport.role).toBe('CPO');
    expect(cpoReport.currencies.EUR!.totals).toMatchObject({ sessions: 4 });
    expect(Number(cpoReport.currencies.EUR!.totals.fees)).toBeGreaterThan(0);
    await shoot(cpoPage, 'revenue');
    await screenshot(cpoPage, 'revenue', { size: PHONE });

    // The eMSP's side: its own statement of the same period (the CPO's settled one stays as it is).
    const statements = await demo.cpo.api<Array<{ period: string }>>('GET', '/settlement/statements?party=NL-CPO');
    await demo.emsp.api('POST', '/settlement/statements', { party: 'DE-MSP', counterpart: 'NL-CPO', period: statements[0]!.period });
    await emspPage.goto(`${demo.emsp.url}/#/settlement/revenue`);
    const emspReport = await expectRevenueOfApi(emspPage, (query) => demo.emsp.api<RevenueReport>('GET', `/settlement/revenue?party=DE-MSP&${query}`));
    expect(emspReport.role).toBe('EMSP');
    expect(Object.keys(emspReport.currencies.EUR!.by_partner)).toEqual(['NL-CPO']);
    await shoot(emspPage, 'revenue-emsp');
  });
});
