import { useState } from 'preact/hooks';

/** A value shown once (token A): readable, selectable, with a copy button. */
export function SecretField({ value, testid }: { value: string; testid?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(value);
    setCopied(true);
  };
  return (
    <div class="secret">
      <code data-testid={testid}>{value}</code>
      <button type="button" class="btn small" onClick={copy}>
        {copied ? 'Copied' : 'Copy'}
      </button>
    </div>
  );
}
