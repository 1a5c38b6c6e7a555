import { Fragment, type ComponentChildren } from 'preact';

/** A definition list of facts about one object; rows whose value is undefined are left out. */
export function KeyValues({ rows, testid }: { rows: Array<[string, ComponentChildren | undefined]>; testid?: string }) {
  return (
    <dl class="kv" data-testid={testid}>
      {rows
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => (
          <Fragment key={key}>
            <dt>{key}</dt>
            <dd>{value}</dd>
          </Fragment>
        ))}
    </dl>
  );
}
