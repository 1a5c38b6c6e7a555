import { Type } from '@sinclair/typebox';
import { describe, it } from 'vitest';
import { Endpoint, Version, VersionDetails } from '../../../src/ocpi/types/versions.js';
import { expectRejected, expectValid, fixture, ofLength, REMOVE, withField } from './helpers.js';

const VersionList = Type.Array(Version);
const details = fixture('version_details');

describe('Version', () => {
  it('accepts our version list', () => {
    expectValid(VersionList, fixture('versions'));
  });

  it('accepts versions this table does not know yet', () => {
    expectValid(Version, { version: '2.3.0', url: 'https://example.com/ocpi/2.3.0' });
  });

  it('names the entry that is wrong', () => {
    expectRejected(VersionList, withField(fixture('versions'), '[1].url', REMOVE), '[1].url');
    expectRejected(VersionList, withField(fixture('versions'), '[0].version', 2.2), '[0].version');
  });
});

describe('VersionDetails', () => {
  it('accepts our version details', () => {
    expectValid(VersionDetails, details);
  });

  it('accepts custom modules and unknown fields', () => {
    expectValid(VersionDetails, withField(details, 'endpoints[9]', { identifier: 'nlevr-invoices', role: 'SENDER', url: 'https://example.com/x', beta: true }));
  });

  it('rejects an unknown interface role', () => {
    expectRejected(VersionDetails, withField(details, 'endpoints[0].role', 'BOTH'), 'endpoints[0].role');
  });

  it('rejects missing or empty endpoints', () => {
    expectRejected(VersionDetails, withField(details, 'endpoints', REMOVE), 'endpoints');
    expectRejected(VersionDetails, withField(details, 'endpoints', []), 'endpoints');
    expectRejected(Endpoint, { identifier: 'cdrs', role: 'SENDER' }, 'url');
  });

  it('limits URLs to 255 characters', () => {
    expectRejected(VersionDetails, withField(details, 'endpoints[2].url', `https://example.com/${ofLength(236)}`), 'endpoints[2].url');
  });
});
