/**
 * A record and the row that stores it, paired once: a table from each field of the record to
 * the column that holds it, from which the row's type and both directions of the mapping are
 * derived. So a field cannot be written one way and forgotten the other, and both adapters
 * read and write every aggregate alike. An absent value (undefined) is stored as NULL, and
 * NULL is read back as undefined: the one conversion every mapping in this folder makes.
 *
 * The row carries the record's types (a `status` column is an SmsStatus, not any string), as
 * the database holds only what the store wrote through these tables: reading a row is the one
 * unchecked step, as it was when each mapping cast its columns one by one.
 */

/** Each field of `Rec` and the name of the column that holds it. */
export type FieldColumns<Rec> = { readonly [Field in keyof Rec]-?: string };

/** A value as a column holds it: undefined as NULL. */
export type Stored<Value> = undefined extends Value ? Exclude<Value, undefined> | null : Value;

/** A `Rec` as the row `Columns` store it in. */
export type RowOf<Rec, Columns extends FieldColumns<Rec>> = {
  -readonly [Field in keyof Rec as Columns[Field]]-?: Stored<Rec[Field]>;
};

/** How a record is stored: its columns, and its mapping to and from rows. */
export type ColumnTable<Rec, Columns extends FieldColumns<Rec>> = Readonly<{
  /** Every column, in the order of the table (for an INSERT's column list). */
  columns: readonly Columns[keyof Rec][];
  /** The record -> its row (undefined as NULL). */
  toRow(record: Rec): RowOf<Rec, Columns>;
  /** A row -> its record (NULL as undefined). */
  fromRow(row: RowOf<Rec, Columns>): Rec;
}>;

/** The row type of a column table. */
export type TableRow<Table extends { toRow(record: never): unknown }> = ReturnType<Table['toRow']>;

/**
 * The table storing each field of `Rec` in the column named beside it, written
 * `columnTable<Rec>()({ field: 'column', ... })`: every field must be named, and nothing else.
 */
export function columnTable<Rec>() {
  return <const Columns extends FieldColumns<Rec> & Record<Exclude<keyof Columns, keyof Rec>, never>>(
    table: Columns,
  ): ColumnTable<Rec, Columns> => {
    const pairs = Object.entries(table) as [keyof Rec & string, Columns[keyof Rec]][];
    return {
      columns: pairs.map(([, column]) => column),
      toRow: (record) => {
        const row: Record<string, unknown> = {};
        for (const [field, column] of pairs) row[column] = record[field] ?? null;
        return row as RowOf<Rec, Columns>;
      },
      fromRow: (row) => {
        const values: Record<string, unknown> = row;
        const record: Record<string, unknown> = {};
        for (const [field, column] of pairs) record[field] = values[column] ?? undefined;
        return record as Rec;
      },
    };
  };
}
