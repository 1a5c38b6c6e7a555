import { useState } from 'preact/hooks';
import { useAction } from '../../lib/use-action';
import { ErrorNotice } from './ErrorNotice';

interface ReasonActionProps {
  label: string;
  /** Asked for before the action runs: "Reason", "Note". */
  prompt: string;
  required: boolean;
  danger?: boolean;
  onConfirm: (text: string) => Promise<unknown>;
  testid: string;
}

/** A button that opens a one-line form for the reason or note the API records with the action. */
export function ReasonAction({ label, prompt, required, danger, onConfirm, testid }: ReasonActionProps) {
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const action = useAction(onConfirm);
  if (!open) {
    return (
      <button type="button" class={danger ? 'btn small danger' : 'btn small'} onClick={() => setOpen(true)} data-testid={testid}>
        {label}
      </button>
    );
  }
  const submit = async (event: Event) => {
    event.preventDefault();
    if ((await action.run(text.trim())) !== undefined) setOpen(false);
  };
  return (
    <form class="row" onSubmit={submit}>
      <input aria-label={prompt} placeholder={prompt} value={text} onInput={(e) => setText(e.currentTarget.value)} required={required} data-testid={`${testid}-text`} />
      <button type="submit" class={danger ? 'btn small danger' : 'btn small primary'} disabled={action.busy} data-testid={`${testid}-confirm`}>
        {label}
      </button>
      <button type="button" class="btn small" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <ErrorNotice error={action.error} />
    </form>
  );
}
