import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dashboardFiles } from '../../src/server/dashboard-files.js';
import { packageRoot } from '../../src/server/package-root.js';
import { PACKAGE_VERSION } from '../../src/server/package-version.js';
import { startPair, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

describe('GET /api/service and the dashboard at / of a running service', () => {
  let pair: Pair;
  beforeAll(async () => {
    pair = await startPair(backends.find((b) => b.name === 'postgres')!);
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  it('tells the version, public URL and hosted parties, behind the admin token', async () => {
    const service = await pair.cpo.api('GET', '/service');
    expect(service).toMatchObject({ status: 200, body: { version: PACKAGE_VERSION, public_url: pair.cpo.url, parties: [{ party: 'NL-CPO', roles: ['CPO'], name: 'Test CPO' }] } });
    const stranger = await fetch(`${pair.cpo.url}/api/service`);
    expect(stranger.status).toBe(401);
  });

  it('answers a browser at / with a page, and leaves the APIs their own 404s', async () => {
    const page = await fetch(`${pair.cpo.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const ocpi = await fetch(`${pair.cpo.url}/ocpi/2.2.1/nothing-here`, { headers: { accept: 'text/html' } });
    expect(ocpi.status).toBe(404);
    expect(((await ocpi.json()) as { status_code: number }).status_code).toBe(2000);
    const api = await pair.cpo.api<{ error: { status: number } }>('GET', '/nothing-here');
    expect(api).toMatchObject({ status: 404, body: { error: { status: 404 } } });
    expect((await fetch(`${pair.cpo.url}/health`, { headers: { accept: 'text/html' } })).headers.get('content-type')).toMatch(/json/);
  });
});

describe('the dashboard files', () => {
  const apps: FastifyInstance[] = [];
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
  });

  /** A server laid out like the service: an /api scope with its own 404, the dashboard at the root. */
  const serve = async (root: string) => {
    const app = Fastify();
    apps.push(app);
    await app.register(
      async (api) => {
        api.get('/service', async () => ({ ok: true }));
        api.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ error: { status: 404, message: 'no admin route' } }));
      },
      { prefix: '/api' },
    );
    await dashboardFiles(app, root);
    return app;
  };

  it('serves the built app: index at /, hashed assets cached for good, index.html for the app routes a browser reloads', async () => {
    const root = mkdtempSync(join(tmpdir(), 'evroam-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>evroam console</title>');
    writeFileSync(join(root, 'assets', 'app-1a2b3c.js'), 'console.log("dashboard")');
    const app = await serve(root);

    const index = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('evroam console');
    const asset = await app.inject({ url: '/assets/app-1a2b3c.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toContain('immutable');
    const deepLink = await app.inject({ url: '/sessions/S-1/trace', headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('evroam console');

    // Not a page: a missing asset, a script's fetch and an unknown admin route stay 404.
    expect((await app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    // Nothing outside the built folder.
    for (const url of ['/assets/../../index.html', '/assets/..%2F..%2Fpackage.json', '/assets/%2e%2e/%2e%2e/etc/passwd']) {
      const escaped = await app.inject({ url });
      expect(escaped.body, url).not.toContain('"dependencies"');
      expect(escaped.statusCode, url).not.toBe(200);
    }
    expect((await app.inject({ url: '/sessions', headers: { accept: 'application/json' } })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/nothing', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ error: { status: 404, message: 'no admin route' } });
  });

  it('says how to build the dashboard when dist/web is missing', async () => {
    const app = await serve(join(mkdtempSync(join(tmpdir(), 'evroam-web-')), 'dist', 'web'));
    for (const url of ['/', '/partners']) {
      const page = await app.inject({ url, headers: { accept: 'text/html' } });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('dashboard not built: run npm run build');
    }
  });

  it('finds the package root from the source folder and from the build folder alike', () => {
    const root = packageRoot();
    expect(packageRoot(join(root, 'src', 'server'))).toBe(root);
    expect(packageRoot(join(root, 'dist', 'server'))).toBe(root);
  });
});
