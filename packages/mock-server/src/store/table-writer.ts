/**
 * Bulk inserts: rows are buffered per table and written through one reused
 * multi-row `INSERT` (many rows per statement call), which is what makes a
 * million cases and their events load in reasonable time.
 */
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

export type Value = string | number | null;

const rowsPerStatement = 32;

export class TableWriter {
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly buffer: Value[] = [];
  private readonly width: number;
  count = 0;

  constructor(
    db: Db,
    table: string,
    readonly columns: readonly string[],
  ) {
    this.width = columns.length;
    const tuple = `(${columns.map(() => '?').join(',')})`;
    const head = `INSERT INTO ${table} (${columns.join(',')}) VALUES `;
    this.many = db.prepare(head + Array.from({ length: rowsPerStatement }, () => tuple).join(','));
    this.one = db.prepare(head + tuple);
  }

  /** One row, values in the order of `columns`. */
  add(values: Value[]): void {
    if (values.length !== this.width) throw new Error(`Expected ${this.width} values, got ${values.length}`);
    for (const value of values) this.buffer.push(value);
    this.count++;
    if (this.buffer.length === this.width * rowsPerStatement) {
      this.many.run(this.buffer);
      this.buffer.length = 0;
    }
  }

  /** One row given as an object keyed by column. */
  addRecord(record: Record<string, Value>): void {
    this.add(this.columns.map((c) => record[c] ?? null));
  }

  flush(): void {
    for (let i = 0; i < this.buffer.length; i += this.width) this.one.run(this.buffer.slice(i, i + this.width));
    this.buffer.length = 0;
  }
}
