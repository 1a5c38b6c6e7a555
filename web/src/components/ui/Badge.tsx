import type { ComponentChildren } from 'preact';

export type Tone = 'ok' | 'warn' | 'bad' | 'info' | 'neutral';

export function Badge({ tone = 'neutral', children, testid, title }: { tone?: Tone; children: ComponentChildren; testid?: string; title?: string }) {
  return (
    <span class={`badge ${tone}`} data-testid={testid} title={title}>
      {children}
    </span>
  );
}
