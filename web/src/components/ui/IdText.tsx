import { shortId } from '../../lib/format';

/** A long id shortened for a table cell, the whole id in its tooltip. */
export function IdText({ id }: { id: string | null | undefined }) {
  return (
    <span class="mono" title={id ?? undefined}>
      {shortId(id)}
    </span>
  );
}
