import { IdentifierError } from '../../src/ids/identifier-error.js';

/** Runs `fn`, which must throw an IdentifierError, and returns that error for assertions. */
export function identifierErrorOf(fn: () => unknown): IdentifierError {
  try {
    fn();
  } catch (error) {
    if (error instanceof IdentifierError) return error;
    throw error;
  }
  throw new Error('expected an IdentifierError, but nothing was thrown');
}
