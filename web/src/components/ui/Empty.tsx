import type { ComponentChildren } from 'preact';

export function Empty({ children, testid }: { children: ComponentChildren; testid?: string }) {
  return (
    <div class="empty" data-testid={testid}>
      {children}
    </div>
  );
}
