import { readFileSync } from 'node:fs';

/** The version in package.json, read once: shown in /health and the User-Agent of our OCPI calls. */
export const PACKAGE_VERSION: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
