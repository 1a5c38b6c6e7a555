import { useEffect, useRef, useState } from 'preact/hooks';

/**
 * The width in CSS pixels of the element the ref is put on, kept current as the layout changes, so
 * a chart is drawn at its real size and its 11 px labels stay 11 px on a phone and on a laptop.
 */
export function useWidth<E extends Element>(fallback: number) {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      const measured = Math.floor(entry?.contentRect.width ?? 0);
      if (measured > 0) setWidth(measured);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}
