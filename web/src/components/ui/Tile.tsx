/** One headline figure: a label, the value, a note under it. */
export function Tile({ label, value, note, tone, testid }: { label: string; value: string; note?: string; tone?: 'warn' | 'bad'; testid: string }) {
  return (
    <div class={tone ? `tile ${tone}` : 'tile'} data-testid={testid}>
      <div class="tile-label">{label}</div>
      <div class="tile-value">{value}</div>
      {note && <div class="tile-note">{note}</div>}
    </div>
  );
}
