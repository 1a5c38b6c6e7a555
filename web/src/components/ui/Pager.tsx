/** "51–100 of 240" with previous / next, for lists paged in the browser. */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage: (page: number) => void }) {
  if (total <= pageSize) return null;
  const first = page * pageSize + 1;
  const last = Math.min(total, first + pageSize - 1);
  return (
    <div class="row pager">
      <span class="small muted">
        {first}–{last} of {total}
      </span>
      <span class="spacer" />
      <button type="button" class="btn small" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <button type="button" class="btn small" disabled={last >= total} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </div>
  );
}
