import { describe, expect, it } from 'vitest';
import { authorizationHeader, tokenCandidates } from '../../src/ocpi/auth-header.js';

describe('the Authorization header', () => {
  it('encodes the token as Base64 of its UTF-8 bytes, with padding and no trailing newline', () => {
    // The spec's own example carries a stray newline (ZXhhbXBsZS10b2tlbgo=); this is the right value.
    expect(authorizationHeader('example-token', 'base64')).toBe('Token ZXhhbXBsZS10b2tlbg==');
    expect(authorizationHeader('example-token', 'raw')).toBe('Token example-token');
  });

  it('reads a Base64 header as the token first and the sent text second', () => {
    expect(tokenCandidates('Token ZXhhbXBsZS10b2tlbg==')).toEqual(['example-token', 'ZXhhbXBsZS10b2tlbg==']);
  });

  it('reads a raw 2.1.1-style token as itself', () => {
    expect(tokenCandidates('Token example-token')).toEqual(['example-token']);
    // A UUID-like token is not canonical Base64 of printable text.
    expect(tokenCandidates('Token 8f4b3c2a-0f7e-4d49-9c0e-2b1a7c1d5e6f')).toEqual(['8f4b3c2a-0f7e-4d49-9c0e-2b1a7c1d5e6f']);
  });

  it('accepts the scheme in any letter case and ignores anything that is not a Token header', () => {
    expect(tokenCandidates('token ZXhhbXBsZS10b2tlbg==')[0]).toBe('example-token');
    expect(tokenCandidates(undefined)).toEqual([]);
    expect(tokenCandidates('Bearer abc')).toEqual([]);
    expect(tokenCandidates('Token')).toEqual([]);
  });
});
