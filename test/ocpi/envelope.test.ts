import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { peekStatusCode } from '../../src/ocpi/envelope.js';

/** JSON values whose objects often carry a `status_code` key of their own. */
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), tie('object'), fc.array(tie('value'), { maxLength: 4 })),
  object: fc.dictionary(fc.constantFrom('status_code', 'data', 'id', '"status_code":1', 'x'), tie('value'), { maxKeys: 4 }),
}));

describe('reading an answer\'s status_code without parsing it', () => {
  it('finds the envelope\'s own status_code wherever the envelope puts it, whatever data holds', () => {
    fc.assert(
      fc.property(json.value, fc.integer({ min: 1000, max: 4999 }), fc.constantFrom('first', 'last', 'middle'), fc.oneof(fc.string({ maxLength: 700 }), fc.constant('status_code')), fc.boolean(), (data, code, place, message, pretty) => {
        const fields: Array<[string, unknown]> = [['data', data], ['status_message', message], ['timestamp', '2026-03-01T00:00:00Z']];
        fields.splice(place === 'first' ? 0 : place === 'last' ? fields.length : 1, 0, ['status_code', code]);
        const text = JSON.stringify(Object.fromEntries(fields), null, pretty ? 2 : undefined);
        expect(peekStatusCode(text)).toBe(code);
      }),
    );
  });

  it('finds none in what is not an OCPI response', () => {
    expect(peekStatusCode('<html>Bad gateway</html>')).toBeNull();
    expect(peekStatusCode('{"error":"not found"}')).toBeNull();
    expect(peekStatusCode('{"data":{"status_code":1000}}')).toBeNull();
    expect(peekStatusCode('{"status_code":"1000"}')).toBeNull();
    expect(peekStatusCode('{"status_message":"status_code","status_code":2001}')).toBe(2001);
    expect(peekStatusCode('')).toBeNull();
  });
});
