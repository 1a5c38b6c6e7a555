import type { ComponentChildren } from 'preact';

interface CardProps {
  title?: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  /** A table that should reach the card's edges. */
  flush?: boolean;
  testid?: string;
  children: ComponentChildren;
}

export function Card({ title, subtitle, actions, flush, testid, children }: CardProps) {
  return (
    <section class={flush ? 'card flush' : 'card'} data-testid={testid}>
      {(title || actions) && (
        <header class="card-head">
          <div>
            {title && <h2>{title}</h2>}
            {subtitle && <p>{subtitle}</p>}
          </div>
          {actions && <div class="row">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}
