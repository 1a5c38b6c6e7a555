import { describe, expect, it } from 'vitest';
import { isTariffActive, selectTariff, type Tariff } from '../../src/tariff/index.js';
import { tariffOf } from './support.js';

const element: Tariff['elements'] = [{ price_components: [{ type: 'TIME', price: 1, step_size: 1 }] }];
const t = (id: string, extra: Partial<Tariff> = {}) => tariffOf(element, { id, ...extra });

describe('choosing a tariff from a connector list', () => {
  const untyped = t('ANY');
  const regular = t('REG', { type: 'REGULAR' });
  const adHoc = t('ADHOC', { type: 'AD_HOC_PAYMENT' });
  const cheap = t('CHEAP', { type: 'PROFILE_CHEAP' });
  const list = [untyped, regular, adHoc, cheap];
  const at = '2024-01-15T10:00:00Z';

  it('a tariff of the session type wins over an untyped one listed first', () => {
    expect(selectTariff(list, 'AD_HOC_PAYMENT', at)?.id).toBe('ADHOC');
    expect(selectTariff(list, 'REGULAR', at)?.id).toBe('REG');
    expect(selectTariff(list, 'PROFILE_CHEAP', at)?.id).toBe('CHEAP');
  });

  it('falls back to an untyped tariff, never to another type', () => {
    expect(selectTariff(list, 'PROFILE_FAST', at)?.id).toBe('ANY');
    expect(selectTariff([regular, adHoc], 'PROFILE_GREEN', at)).toBeUndefined();
  });

  it('list order decides among equals', () => {
    expect(selectTariff([t('A', { type: 'REGULAR' }), t('B', { type: 'REGULAR' })], 'REGULAR', at)?.id).toBe('A');
  });

  it('switches from an old to a new tariff at their validity boundary (Mod Tariffs example 6)', () => {
    const old = t('OLD', { end_date_time: '2019-06-30T23:59:59Z' });
    const next = t('NEW', { start_date_time: '2019-07-01T00:00:00Z' });
    expect(selectTariff([old, next], 'REGULAR', '2019-06-30T23:59:59Z')?.id).toBe('OLD');
    expect(selectTariff([old, next], 'REGULAR', '2019-07-01T00:00:00Z')?.id).toBe('NEW');
  });

  it('validity is inclusive at both ends', () => {
    const window = t('W', { start_date_time: '2024-01-01T00:00:00Z', end_date_time: '2024-02-01T00:00:00Z' });
    expect(isTariffActive(window, '2023-12-31T23:59:59Z')).toBe(false);
    expect(isTariffActive(window, '2024-01-01T00:00:00Z')).toBe(true);
    expect(isTariffActive(window, '2024-02-01T00:00:00Z')).toBe(true);
    expect(isTariffActive(window, '2024-02-01T00:00:01Z')).toBe(false);
  });
});
