import { useCallback, useEffect, useRef, useState } from 'preact/hooks';

export interface Loaded<T> {
  data?: T;
  error?: Error;
  loading: boolean;
  /** Loads again (after an action changed what the page shows). */
  reload: () => void;
}

/**
 * Runs `load` now and whenever `deps` change; an answer that arrives after a newer request
 * started is dropped, so a quick change of filters never shows stale figures.
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const latest = useRef(0);
  // The caller names the dependencies, as with useMemo.
  const run = useCallback(load, deps);

  useEffect(() => {
    const request = ++latest.current;
    setState((previous) => ({ data: previous.data, loading: true }));
    run().then(
      (data) => request === latest.current && setState({ data, loading: false }),
      (error: unknown) => request === latest.current && setState({ error: error instanceof Error ? error : new Error(String(error)), loading: false }),
    );
  }, [run, generation]);

  return { ...state, reload: () => setGeneration((g) => g + 1) };
}
