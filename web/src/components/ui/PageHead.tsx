import type { ComponentChildren } from 'preact';

export function PageHead({ title, subtitle, crumbs, actions }: { title: ComponentChildren; subtitle?: ComponentChildren; crumbs?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <header class="page-head">
      <div>
        {crumbs && <div class="crumbs">{crumbs}</div>}
        <h1>{title}</h1>
        {subtitle && <p>{subtitle}</p>}
      </div>
      {actions && <div class="row">{actions}</div>}
    </header>
  );
}
