import type { ComponentChildren } from 'preact';

interface TableProps<T> {
  rows: T[];
  /** The header cells (`<th>`). */
  head: ComponentChildren;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  empty?: ComponentChildren;
  testid?: string;
  /** One `<tr>` per row. */
  children: (row: T, index: number) => ComponentChildren;
}

/** A table that scrolls sideways on narrow screens, or the empty state when there is nothing to list. */
export function Table<T>({ rows, head, empty, testid, children }: TableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid={testid}>
        <thead>
          <tr>{head}</tr>
        </thead>
        <tbody>{rows.map(children)}</tbody>
      </table>
    </div>
  );
}
