import type { ComponentChildren } from 'preact';

export interface TabLink {
  href: string;
  label: ComponentChildren;
  active: boolean;
  testid?: string;
}

export function Tabs({ tabs }: { tabs: TabLink[] }) {
  return (
    <nav class="tabs">
      {tabs.map((tab) => (
        <a key={tab.href} href={tab.href} aria-current={tab.active ? 'page' : undefined} data-testid={tab.testid}>
          {tab.label}
        </a>
      ))}
    </nav>
  );
}
