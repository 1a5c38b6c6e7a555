/**
 * OCPI DateTime (OCPI 2.2.1 "Types", DateTime): UTC, RFC 3339 profile, at most 25 characters.
 * A missing `Z` still means UTC; we always emit one.
 */
const OCPI_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z?$/;

export function isOcpiDateTime(value: string): boolean {
  return OCPI_DATETIME.test(value) && !Number.isNaN(parseOcpiDateTimeUnchecked(value).getTime());
}

export function parseOcpiDateTime(value: string): Date | null {
  if (!OCPI_DATETIME.test(value)) return null;
  const date = parseOcpiDateTimeUnchecked(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function parseOcpiDateTimeUnchecked(value: string): Date {
  return new Date(value.endsWith('Z') ? value : `${value}Z`);
}

export function formatOcpiDateTime(date: Date): string {
  return date.toISOString();
}
