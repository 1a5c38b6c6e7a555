// OCPI and OCPP `CiString` values are case-insensitive printable ASCII (OCPI 2.2.1 "Types", OCPP 1.6 §4).
// Upper-casing only a–z keeps that exact: `String.prototype.toUpperCase` would turn "ß" into "SS".

/** Upper-cases ASCII letters only. */
export function asciiUpper(value: string): string {
  return value.replace(/[a-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 32));
}

/** CiString equality: equal ignoring the case of ASCII letters. */
export function ciEquals(a: string, b: string): boolean {
  return a.length === b.length && asciiUpper(a) === asciiUpper(b);
}

/** True when every character is printable ASCII (0x20–0x7E), the character set of a CiString. */
export function isPrintableAscii(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value);
}
