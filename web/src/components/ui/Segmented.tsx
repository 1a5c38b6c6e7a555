export interface Choice<T extends string> {
  value: T;
  label: string;
}

/** A row of buttons of which one is pressed: the period of the overview, a status filter. */
export function Segmented<T extends string>({ choices, value, onChange, testid, label }: { choices: Array<Choice<T>>; value: T; onChange: (value: T) => void; testid?: string; label: string }) {
  return (
    <div class="segmented" role="group" aria-label={label} data-testid={testid}>
      {choices.map((choice) => (
        <button key={choice.value} type="button" aria-pressed={choice.value === value} onClick={() => onChange(choice.value)} data-value={choice.value}>
          {choice.label}
        </button>
      ))}
    </div>
  );
}
