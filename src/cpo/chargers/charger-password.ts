import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scryptAsync = promisify(scrypt) as (password: Buffer, salt: Buffer, keylen: number) => Promise<Buffer>;
const KEY_LENGTH = 32;

/**
 * A charger's Basic-auth password (OCPP security profile 1) as stored: scrypt with a random salt,
 * because operators choose these passwords and they may be guessable, unlike our OCPI tokens.
 * Bytes, not text: the OCPP AuthorizationKey may be any 16–20 bytes (1.6 Security Whitepaper).
 */
export async function hashChargerPassword(password: Buffer): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(password, salt, KEY_LENGTH);
  return `scrypt$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyChargerPassword(password: Buffer, stored: string): Promise<boolean> {
  const [scheme, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}
