/**
 * The `Authorization: Token …` header (OCPI 2.2.1 "Transport and format", Authorization header).
 * 2.2.1 sends the credentials token Base64-encoded (RFC 4648 §4, with padding); 2.1.1-era peers
 * send it raw, so a receiver tries both readings.
 */
export type TokenEncoding = 'base64' | 'raw';

export function authorizationHeader(token: string, encoding: TokenEncoding): string {
  return `Token ${encoding === 'base64' ? Buffer.from(token, 'utf8').toString('base64') : token}`;
}

/**
 * The credentials tokens a header may stand for, most likely first: the Base64 reading when the
 * value is canonical Base64 of printable text, then the value as sent.
 */
export function tokenCandidates(header: string | undefined): string[] {
  if (!header) return [];
  const match = /^Token\s+(\S+)\s*$/i.exec(header.trim());
  if (!match) return [];
  const sent = match[1]!;
  const candidates: string[] = [];
  const decoded = decodeBase64Token(sent);
  if (decoded !== null) candidates.push(decoded);
  if (decoded !== sent) candidates.push(sent);
  return candidates;
}

function decodeBase64Token(value: string): string | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || value.length % 4 !== 0) return null;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // Tokens are printable non-whitespace ASCII; anything else means the value was not Base64.
  if (!/^[\x21-\x7e]+$/.test(decoded)) return null;
  return Buffer.from(decoded, 'utf8').toString('base64') === value ? decoded : null;
}
