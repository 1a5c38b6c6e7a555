import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Session } from '../../src/ocpi/types/sessions.js';
import { after, startBody, startPair, type Pair } from '../sessions/pair.js';
import { backends, dropTestSchemas } from '../support/test-database.js';

interface Rate {
  value: number | null;
  succeeded: number;
  total: number;
}
interface Series {
  bucket: string;
  points: Array<{ from: string; to: string; figures: { session_success_rate: Rate; period: { from: string; to: string }; party: string | null } }>;
}

describe.each(backends)('KPIs over time on $name', (backend) => {
  let pair: Pair;

  beforeAll(async () => {
    pair = await startPair(backend);
    // One session that charged, ending on 2 June; one that delivered nothing, ending on 4 June.
    for (const [start, kwh] of [
      ['2025-06-02T10:00:00.000Z', 1004],
      ['2025-06-04T10:00:00.000Z', 1000],
    ] as const) {
      const started = await pair.cpo.api<Session>('POST', '/parties/NL-CPO/sessions', startBody(start, { authorization_reference: `AUTH-${start}` }));
      expect(started.status).toBe(201);
      expect((await pair.cpo.api('POST', `/parties/NL-CPO/sessions/${started.body.id}/stop`, { at: after(start, 30), meter_kwh: kwh })).status).toBe(200);
    }
  });
  afterAll(async () => {
    await pair?.close();
    await dropTestSchemas();
  });

  const series = (query: string) => pair.cpo.api<Series>('GET', `/kpis/series?${query}`);

  it('gives one report per day, each the same figures GET /api/kpis gives for that day', async () => {
    const days = await series('party=NL-CPO&from=2025-06-01&to=2025-06-05&bucket=day');
    expect(days.status).toBe(200);
    expect(days.body.bucket).toBe('day');
    expect(days.body.points.map((p) => [p.from, p.to])).toEqual([
      ['2025-06-01T00:00:00.000Z', '2025-06-02T00:00:00.000Z'],
      ['2025-06-02T00:00:00.000Z', '2025-06-03T00:00:00.000Z'],
      ['2025-06-03T00:00:00.000Z', '2025-06-04T00:00:00.000Z'],
      ['2025-06-04T00:00:00.000Z', '2025-06-05T00:00:00.000Z'],
    ]);
    expect(days.body.points.map((p) => [p.figures.session_success_rate.succeeded, p.figures.session_success_rate.total])).toEqual([
      [0, 0],
      [1, 1],
      [0, 0],
      [0, 1],
    ]);
    const single = await pair.cpo.api<Series['points'][number]['figures']>('GET', '/kpis?party=NL-CPO&from=2025-06-02&to=2025-06-03');
    expect(days.body.points[1]!.figures).toEqual(single.body);
  });

  it('cuts ISO weeks (from Monday) and months to the period asked for', async () => {
    const weeks = await series('from=2025-06-01&to=2025-06-05&bucket=week');
    // 1 June 2025 is a Sunday: its week began on 26 May.
    expect(weeks.body.points.map((p) => [p.from, p.to, p.figures.session_success_rate.total])).toEqual([
      ['2025-06-01T00:00:00.000Z', '2025-06-02T00:00:00.000Z', 0],
      ['2025-06-02T00:00:00.000Z', '2025-06-05T00:00:00.000Z', 2],
    ]);
    const months = await series('from=2025-05-15&to=2025-07-01&bucket=month');
    expect(months.body.points.map((p) => [p.from, p.to, p.figures.session_success_rate.total])).toEqual([
      ['2025-05-15T00:00:00.000Z', '2025-06-01T00:00:00.000Z', 0],
      ['2025-06-01T00:00:00.000Z', '2025-07-01T00:00:00.000Z', 2],
    ]);
  });

  it('refuses an unknown bucket, a reversed period and more than 366 points with 400 naming the field', async () => {
    for (const [query, field] of [
      ['bucket=hour', 'bucket'],
      ['from=2025-06-05&to=2025-06-01', 'from'],
      ['from=yesterday', 'from'],
      ['from=2024-01-01&to=2025-06-01&bucket=day', 'bucket'],
      ['party=NL_CPO', 'party'],
    ] as const) {
      const reply = await pair.cpo.api<{ error: { field: string } }>('GET', `/kpis/series?${query}`);
      expect(reply.status, query).toBe(400);
      expect(reply.body.error.field, query).toBe(field);
    }
    expect((await series('from=2024-06-01&to=2025-06-01&bucket=day')).body.points).toHaveLength(365);
  });
});
