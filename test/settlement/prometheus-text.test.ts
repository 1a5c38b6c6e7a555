import { describe, expect, it } from 'vitest';
import { durations } from '../../src/settlement/kpis/kpi-figures.js';
import { prometheusText } from '../../src/settlement/kpis/prometheus-text.js';

describe('the Prometheus text exposition', () => {
  it('writes HELP, TYPE and one line per sample, escaping label values and help text', () => {
    const text = prometheusText([
      { name: 'evroam_x', help: 'A gauge\\with a line\nbreak.', type: 'gauge', samples: [{ labels: {}, value: 1.5 }, { labels: { who: 'say "hi"\\\n' }, value: Number.NaN }] },
      { name: 'evroam_empty', help: 'Nothing to say.', type: 'gauge', samples: [] },
      { name: 'evroam_y', help: 'Infinite.', type: 'counter', samples: [{ labels: { a: '1', b: '2' }, value: Infinity }] },
    ]);
    expect(text).toBe(
      [
        '# HELP evroam_x A gauge\\\\with a line\\nbreak.',
        '# TYPE evroam_x gauge',
        'evroam_x 1.5',
        'evroam_x{who="say \\"hi\\"\\\\\\n"} NaN',
        '# HELP evroam_y Infinite.',
        '# TYPE evroam_y counter',
        'evroam_y{a="1",b="2"} +Inf',
        '',
      ].join('\n'),
    );
    expect(prometheusText([])).toBe('');
  });

  it('reports durations by nearest rank', () => {
    expect(durations([])).toEqual({ average_seconds: null, p50_seconds: null, p95_seconds: null, count: 0 });
    expect(durations([10, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toEqual({ average_seconds: 5.5, p50_seconds: 5, p95_seconds: 10, count: 10 });
  });
});
