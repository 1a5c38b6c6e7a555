import { describe, expect, it } from 'vitest';
import { readingFrom } from '../../src/ocpp/meter-values.js';

const AT = '2026-03-02T09:00:00.000Z';

describe('meter value normalisation', () => {
  it('reads the import register in kWh, taking Wh when no unit or measurand is named (OCPP defaults)', () => {
    expect(readingFrom(AT, [{ value: 12345 }])).toEqual({ at: AT, energyKwh: 12.345 });
    expect(readingFrom(AT, [{ value: 12.5, measurand: 'Energy.Active.Import.Register', unit: 'kWh' }]).energyKwh).toBe(12.5);
  });

  it('reads power in kW and current in A, each in its own base unit when none is named', () => {
    const reading = readingFrom(AT, [
      { value: 11000, measurand: 'Power.Active.Import', unit: 'W' },
      { value: 16, measurand: 'Current.Import', unit: 'A', phase: 'L1' },
      { value: 16, measurand: 'Current.Import', unit: 'A', phase: 'L2' },
      { value: 15.5, measurand: 'Current.Import', phase: 'L3' },
    ]);
    expect(reading).toEqual({ at: AT, powerKw: 11, currentA: 47.5 });
    expect(readingFrom(AT, [{ value: 7.4, measurand: 'Power.Active.Import', unit: 'kW' }]).powerKw).toBe(7.4);
    expect(readingFrom(AT, [{ value: 3700, measurand: 'Power.Active.Import' }]).powerKw).toBe(3.7);
  });

  it('prefers the total over phase values, and sums phases when there is no total', () => {
    const phases = [
      { value: 1000, phase: 'L1' },
      { value: 1000, phase: 'L2' },
      { value: 1500, phase: 'L3' },
    ];
    expect(readingFrom(AT, phases).energyKwh).toBe(3.5);
    expect(readingFrom(AT, [...phases, { value: 4000 }]).energyKwh).toBe(4);
    // Line-to-line voltages and the neutral are not parts of a total.
    expect(readingFrom(AT, [{ value: 10, measurand: 'Current.Import', phase: 'N' }]).currentA).toBeUndefined();
  });

  it('prefers the outlet meter, and uses another location only when the outlet is not measured', () => {
    expect(readingFrom(AT, [{ value: 9000, location: 'Inlet' }, { value: 8000, location: 'Outlet' }]).energyKwh).toBe(8);
    expect(readingFrom(AT, [{ value: 9000, location: 'Inlet' }]).energyKwh).toBe(9);
  });

  it('leaves out values it cannot read: unknown units, other measurands, non-numbers', () => {
    const reading = readingFrom(AT, [
      { value: 5, unit: 'varh' },
      { value: 230, measurand: 'Voltage', unit: 'V' },
      { value: Number.NaN },
      { value: 80, measurand: 'SoC', unit: 'Percent' },
    ]);
    expect(reading).toEqual({ at: AT });
  });

  it('keeps the reading context the charger gave', () => {
    expect(readingFrom(AT, [{ value: 100, context: 'Transaction.Begin' }]).context).toBe('Transaction.Begin');
  });
});
