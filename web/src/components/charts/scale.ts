/** Round axis steps (1, 2, 2.5, 5 × 10ⁿ) so that about `count` ticks cover 0…max. */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((f) => f * magnitude >= raw) ?? 10) * magnitude;
  const ticks: number[] = [];
  for (let tick = 0; tick < max + step * 0.999; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/** A linear map from [0, domainMax] onto [rangeStart, rangeEnd] (pixels; y grows downwards). */
export function linear(domainMax: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainMax || 1;
  return (value) => rangeStart + ((rangeEnd - rangeStart) * value) / span;
}

/** Indexes of the x labels to print: about `max` of them, evenly spaced, always the last one. */
export function labelIndexes(length: number, max: number): Set<number> {
  if (length <= max) return new Set(Array.from({ length }, (_, i) => i));
  const every = Math.ceil(length / max);
  const picked = new Set<number>();
  for (let i = length - 1; i >= 0; i -= every) picked.add(i);
  return picked;
}

/** Axis ticks for durations in seconds, round in the unit the axis will show (s, min or h). */
export function durationTicks(maxSeconds: number): number[] {
  const unit = maxSeconds >= 7200 ? 3600 : maxSeconds >= 120 ? 60 : 1;
  return niceTicks(maxSeconds / unit).map((tick) => tick * unit);
}
