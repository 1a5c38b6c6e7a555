import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends, dropTestSchemas } from '../support/test-database.js';
import { CPO, HUB, startNode, type Node } from './support.js';

interface ApiError {
  error: { status: number; message: string; field?: string };
}

describe.each(backends)('the hub\'s admin API ($name)', (backend) => {
  let node: Node;

  beforeAll(async () => {
    node = await startNode(backend, [HUB, CPO]);
  });
  afterAll(async () => {
    await node?.service.close();
    await dropTestSchemas();
  });

  it('adds an agreement once, lists it, and removes it', async () => {
    const added = await node.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'de-msp', cpo: 'NL-CPO' });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ emsp: 'DE-MSP', cpo: 'NL-CPO' });
    expect((await node.api('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP', cpo: 'NL-CPO' })).status).toBe(200);
    expect((await node.api<unknown[]>('GET', '/parties/DE-HUB/hub/agreements')).body).toHaveLength(1);
    expect((await node.api('DELETE', '/parties/DE-HUB/hub/agreements/DE-MSP/NL-CPO')).status).toBe(200);
    expect((await node.api<unknown[]>('GET', '/parties/DE-HUB/hub/agreements')).body).toEqual([]);
    expect((await node.api<ApiError>('DELETE', '/parties/DE-HUB/hub/agreements/DE-MSP/NL-CPO')).status).toBe(404);
  });

  it('refuses bad input naming the field, and parties that are not hubs', async () => {
    const bad = await node.api<ApiError>('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DEUTSCH-MSP', cpo: 'NL-CPO' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('emsp');
    const same = await node.api<ApiError>('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'NL-CPO', cpo: 'NL-CPO' });
    expect(same.body.error.field).toBe('cpo');
    const missing = await node.api<ApiError>('POST', '/parties/DE-HUB/hub/agreements', { emsp: 'DE-MSP' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe('cpo');
    const notHub = await node.api<ApiError>('GET', '/parties/NL-CPO/hub/agreements');
    expect(notHub.status).toBe(400);
    expect(notHub.body.error.field).toBe('party');
    const badDate = await node.api<ApiError>('GET', '/parties/DE-HUB/hub/messages?since=yesterday');
    expect(badDate.body.error.field).toBe('since');
  });

  it('lists the hub\'s interfaces in the hub party\'s version details only', async () => {
    const versions = await node.service.app.inject({ method: 'GET', url: '/ocpi/2.2.1' });
    // Without a token the details are refused: the interfaces are per connection.
    expect(versions.statusCode).toBe(401);
    const endpointsFor = async (party: string) => {
      const invite = await node.api<{ token: string }>('POST', '/peers/invitations', { party });
      const details = await node.service.app.inject({ method: 'GET', url: '/ocpi/2.2.1', headers: { authorization: `Token ${Buffer.from(invite.body.token).toString('base64')}` } });
      return (JSON.parse(details.body) as { data: { endpoints: Array<{ identifier: string; role: string; url: string }> } }).data.endpoints;
    };
    const endpoints = await endpointsFor('DE-HUB');
    expect(endpoints.map((e) => `${e.identifier}/${e.role}`)).toEqual(expect.arrayContaining(['credentials/SENDER', 'locations/SENDER', 'locations/RECEIVER', 'commands/RECEIVER', 'hubclientinfo/SENDER', 'chargingprofiles/SENDER']));
    expect(endpoints.find((e) => e.identifier === 'locations' && e.role === 'SENDER')!.url).toBe(`${node.url}/ocpi/2.2.1/hub/sender/locations`);
    const cpoEndpoints = await endpointsFor('NL-CPO');
    expect(cpoEndpoints.some((e) => e.url.includes('/hub/'))).toBe(false);
    expect(cpoEndpoints.map((e) => `${e.identifier}/${e.role}`)).toContain('hubclientinfo/RECEIVER');
  });
});
