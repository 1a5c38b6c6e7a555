import { createHash, randomBytes } from 'node:crypto';

/**
 * A new credentials token: 32 random bytes as base64url, 43 printable ASCII characters (OCPI allows
 * 64). High entropy is what lets us store only an unsalted hash and still look tokens up by it.
 */
export function newCredentialsToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
