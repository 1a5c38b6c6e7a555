import { describe, expect, it } from 'vitest';
import { mapBelowEndpoint, mapLinkHeader } from '../../src/hub/url-stand-ins.js';

const HUB = 'https://hub.example/ocpi/2.2.1/hub/sender/locations';

describe('hub URLs standing in for a platform\'s URLs', () => {
  it('maps a URL below the platform\'s endpoint onto the hub\'s endpoint, keeping path and query', () => {
    const endpoint = 'https://cpo.example/ocpi/2.2.1/sender/locations';
    expect(mapBelowEndpoint(`${endpoint}?offset=50&limit=50`, endpoint, HUB)).toBe(`${HUB}?offset=50&limit=50`);
    expect(mapBelowEndpoint(`${endpoint}/LOC-1/EVSE-1`, endpoint, HUB)).toBe(`${HUB}/LOC-1/EVSE-1`);
    expect(mapBelowEndpoint(endpoint, endpoint, HUB)).toBe(HUB);
  });

  it('tolerates a trailing slash on the published endpoint', () => {
    expect(mapBelowEndpoint('https://cpo.example/locations/?offset=2', 'https://cpo.example/locations/', HUB)).toBe(`${HUB}/?offset=2`);
  });

  it('does not map a URL that only shares a prefix, lies elsewhere, or when there is no endpoint', () => {
    const endpoint = 'https://cpo.example/ocpi/2.2.1/sender/locations';
    expect(mapBelowEndpoint(`${endpoint}-archive?offset=2`, endpoint, HUB)).toBeNull();
    expect(mapBelowEndpoint('https://cpo.example/callbacks/1', endpoint, HUB)).toBeNull();
    expect(mapBelowEndpoint(`${endpoint}?offset=2`, null, HUB)).toBeNull();
  });

  it('maps every URL of a Link header and keeps its parameters', async () => {
    const header = '<https://cpo.example/l?offset=2>; rel="next", <https://cpo.example/l?offset=0>; rel="first"';
    const mapped = await mapLinkHeader(header, async (url) => url.replace('https://cpo.example/l', HUB));
    expect(mapped).toBe(`<${HUB}?offset=2>; rel="next", <${HUB}?offset=0>; rel="first"`);
  });
});
