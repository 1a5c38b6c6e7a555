import type { ComponentChildren } from 'preact';
import type { Loaded } from '../../lib/use-load';
import { ErrorNotice } from './ErrorNotice';

/** Shows what `useLoad` loaded: a loading line first, the error if it failed, else the content. */
export function Async<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ComponentChildren }) {
  if (state.data !== undefined) {
    return (
      <>
        <ErrorNotice error={state.error} />
        {children(state.data)}
      </>
    );
  }
  if (state.error) return <ErrorNotice error={state.error} />;
  return <div class="loading">Loading…</div>;
}
