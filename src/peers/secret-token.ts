import { createHash, randomBytes } from 'node:crypto';

/**
 * A new credentials token: 32 random bytes as base64url, 43 printable ASCII characters (OCPI allows
 * 64), starting with a letter or digit. High entropy is what lets us store only an unsalted hash and still look tokens up by it.
 */
export function newCredentialsToken(): string {
  for (;;) {
    const token = randomBytes(32).toString('base64url');
    // A leading '-' reads as an option to a command line (`--token -abc…`); operators paste these.
    if (/^[A-Za-z0-9]/.test(token)) return token;
  }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
