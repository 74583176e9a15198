/**
 * The column tables both store adapters map their rows with (src/store/rows/columns.ts): each
 * field under its column, undefined stored as NULL and NULL read back as undefined, and a table
 * that forgets a field or names one the record lacks does not compile.
 */
import { describe, expect, it } from 'vitest';
import { columnTable, type TableRow } from '../../../src/store/rows/columns.ts';

type Reading = Readonly<{ id: string; meterName: string; value: number | undefined; note?: string }>;

const readings = columnTable<Reading>()({
  id: 'id',
  meterName: 'meter_name',
  value: 'value',
  note: 'note',
});

describe('a column table', () => {
  it('lists its columns in the order it names them', () => {
    expect(readings.columns).toEqual(['id', 'meter_name', 'value', 'note']);
  });

  it('writes every field under its column, undefined as NULL, and reads the row back', () => {
    const full: Reading = { id: 'r1', meterName: 'hall', value: 0, note: 'checked' };
    const bare: Reading = { id: 'r2', meterName: 'attic', value: undefined };
    expect(readings.toRow(full)).toStrictEqual({ id: 'r1', meter_name: 'hall', value: 0, note: 'checked' });
    expect(readings.toRow(bare)).toStrictEqual({ id: 'r2', meter_name: 'attic', value: null, note: null });
    expect(readings.fromRow(readings.toRow(full))).toStrictEqual(full);
    expect(readings.fromRow(readings.toRow(bare))).toStrictEqual({ ...bare, note: undefined });
  });

  it('keeps falsy values that are not NULL', () => {
    const row: TableRow<typeof readings> = { id: '', meter_name: '', value: 0, note: '' };
    expect(readings.fromRow(row)).toStrictEqual({ id: '', meterName: '', value: 0, note: '' });
  });

  it('refuses, when compiled, a table missing a field or naming one the record lacks', () => {
    // @ts-expect-error: `note` has no column.
    const missing = columnTable<Reading>()({ id: 'id', meterName: 'meter_name', value: 'value' });
    const extra = columnTable<Reading>()({
      id: 'id',
      meterName: 'meter_name',
      value: 'value',
      note: 'note',
      // @ts-expect-error: Reading has no `unit`.
      unit: 'unit',
    });
    expect([missing.columns.length, extra.columns.length]).toEqual([3, 5]);
  });
});
