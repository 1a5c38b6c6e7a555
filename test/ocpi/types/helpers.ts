import { readFileSync } from 'node:fs';
import type { TSchema } from '@sinclair/typebox';
import { expect } from 'vitest';
import { OcpiError } from '../../../src/ocpi/ocpi-error.js';
import { OcpiStatus } from '../../../src/ocpi/status-codes.js';
import { findProblems, parseOcpi } from '../../../src/ocpi/validation.js';

const FIXTURES = new URL('../../fixtures/ocpi/2.2.1/', import.meta.url);

/** A fresh copy of one of our own OCPI 2.2.1 example payloads. */
export function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')) as unknown;
}

/** Marks a field for removal in {@link withField}. */
export const REMOVE = Symbol('remove');

/**
 * A deep copy of `value` with the field at `path` (written as errors name it, e.g.
 * `evses[0].connectors[1].standard`) replaced, or deleted when `replacement` is {@link REMOVE}.
 */
export function withField(value: unknown, path: string, replacement: unknown): unknown {
  const copy = structuredClone(value);
  const keys = path.split(/\.|\[(\d+)\]/).filter((key): key is string => key !== undefined && key !== '');
  const last = keys.pop();
  if (last === undefined) throw new Error(`empty path`);
  let node = copy as Record<string, unknown>;
  for (const key of keys) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) throw new Error(`no object at ${key} in ${path}`);
    node = next as Record<string, unknown>;
  }
  if (replacement === REMOVE) delete node[last];
  else node[last] = replacement;
  return copy;
}

export function expectValid(schema: TSchema, value: unknown): void {
  expect(findProblems(schema, value)).toEqual([]);
  expect(() => parseOcpi(schema, value)).not.toThrow();
}

/**
 * Asserts that parsing fails the way a partner will see it: OCPI 2001 whose message names the
 * offending field first.
 */
export function expectRejected(schema: TSchema, value: unknown, field: string): OcpiError {
  let caught: unknown;
  try {
    parseOcpi(schema, value);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(OcpiError);
  const error = caught as OcpiError;
  expect(error.statusCode).toBe(OcpiStatus.InvalidParameters);
  expect(error.message).toContain(`Invalid field ${field}:`);
  return error;
}

/** The same string repeated to `length` characters, for length limits. */
export function ofLength(length: number, char = 'x'): string {
  return char.repeat(length);
}
