import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { OcpiError } from './ocpi-error.js';
import { dropNullFields } from './types/common.js';

const compiled = new WeakMap<TSchema, TypeCheck<TSchema>>();

function checkerFor<T extends TSchema>(schema: T): TypeCheck<T> {
  let checker = compiled.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    compiled.set(schema, checker);
  }
  return checker as TypeCheck<T>;
}

/** Turns a JSON pointer such as `/evses/0/uid` into the field path a reader expects: `evses[0].uid`. */
export function fieldPath(pointer: string, root: string): string {
  if (pointer === '') return root;
  const parts = pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let out = root;
  for (const part of parts) out += /^\d+$/.test(part) ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Every problem a value has against a schema, each naming the field at fault. */
export function findProblems<T extends TSchema>(schema: T, value: unknown, root = ''): FieldProblem[] {
  const checker = checkerFor(schema);
  if (checker.Check(value)) return [];
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  for (const error of checker.Errors(value)) {
    const field = fieldPath(error.path, root) || '(body)';
    if (seen.has(field)) continue;
    seen.add(field);
    problems.push({ field, message: error.message });
  }
  return problems;
}

/**
 * Checks inbound data against a schema and returns it without its null fields. Unknown fields are
 * tolerated (schemas leave additionalProperties open); `null` in an optional field means "absent"
 * (OCPI 2.2.1 "Types", cardinality `?` and `*`); a wrong or missing field becomes OCPI 2001 naming
 * that field.
 */
export function parseOcpi<T extends TSchema>(schema: T, value: unknown, root = ''): Static<T> {
  value = dropNullFields(value);
  const problems = findProblems(schema, value, root);
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw OcpiError.invalid(`Invalid field ${first.field}: ${first.message}${more}`, { errors: problems });
  }
  return value as Static<T>;
}
