import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { packageRoot } from './package-root.js';

/** Paths the dashboard never answers: the APIs keep their own 404s. */
const NOT_DASHBOARD = /^\/(api|ocpi|health|metrics)(\/|\?|$)/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>evroam</title></head>
<body><p>dashboard not built: run npm run build</p></body></html>
`;

/**
 * The operator dashboard: the single-page app Vite builds into `dist/web` (`index.html` and
 * `assets/`), served at `/`. A GET for any other page a browser asks for (it accepts text/html)
 * gets `index.html`, so the app's own routes survive a reload. No root wildcard route: unknown
 * `/api` and `/ocpi` paths still reach their scopes' 404 handlers. Nothing is read at
 * registration, so a slow disk never delays the start.
 */
export async function dashboardFiles(app: FastifyInstance, root = join(packageRoot(), 'dist', 'web')): Promise<void> {
  const built = existsSync(join(root, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root, serve: false });
    app.get('/', async (_request, reply) => reply.sendFile('index.html'));
    // Vite puts a content hash in every asset name: a changed file is a new URL.
    app.get('/assets/*', async (request, reply) => reply.sendFile(`assets/${(request.params as { '*': string })['*']}`, { maxAge: '365d', immutable: true }));
  } else {
    app.get('/', async (_request, reply) => notBuilt(reply));
  }

  app.setNotFoundHandler(async (request, reply) => {
    if (!wantsPage(request)) return reply.code(404).send({ error: { status: 404, message: `Nothing at ${request.method} ${request.url.split('?')[0]}` } });
    return built ? reply.sendFile('index.html') : notBuilt(reply);
  });
}

function wantsPage(request: FastifyRequest): boolean {
  return (request.method === 'GET' || request.method === 'HEAD') && !NOT_DASHBOARD.test(request.url) && (request.headers.accept ?? '').includes('text/html');
}

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
}
