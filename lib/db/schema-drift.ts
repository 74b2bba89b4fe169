// Compares prisma/schema.prisma with a migrated database: tables, columns, types, nullability and enums.
// It stands in for the drift check of `prisma migrate`, whose schema engine cannot be downloaded here.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/schema.prisma');

/** One column as PostgreSQL reports it: `type` is format_type() of the column, e.g. `timestamp(6) with time zone`. */
export interface ColumnShape {
  type: string;
  nullable: boolean;
}
export interface SchemaShape {
  tables: Record<string, Record<string, ColumnShape>>;
  enums: Record<string, string[]>;
}

const SCALARS: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Decimal: 'numeric(65,30)',
  Float: 'double precision',
  Json: 'jsonb',
};

function nativeType(db: string): string {
  const m = /^(\w+)(?:\(([^)]*)\))?$/.exec(db);
  if (!m) throw new Error(`Unsupported native type @db.${db}`);
  const [, name, args] = m;
  const a = args?.replace(/\s+/g, '');
  switch (name) {
    case 'SmallInt':
      return 'smallint';
    case 'Integer':
      return 'integer';
    case 'BigInt':
      return 'bigint';
    case 'Text':
      return 'text';
    case 'Date':
      return 'date';
    case 'Timestamptz':
      return `timestamp(${a ?? 6}) with time zone`;
    case 'Timestamp':
      return `timestamp(${a ?? 6}) without time zone`;
    case 'Decimal':
      return `numeric(${a})`;
    case 'VarChar':
      return `character varying(${a})`;
    case 'JsonB':
      return 'jsonb';
    default:
      throw new Error(`Unsupported native type @db.${db}`);
  }
}

/** The shape schema.prisma describes. Relation fields are skipped: they are not columns. */
export function parsePrismaSchema(source: string): SchemaShape {
  const text = source.replace(/\/\/.*$/gm, '');
  const enums: Record<string, string[]> = {};
  const enumDbNames = new Map<string, string>();
  for (const [, name, body] of text.matchAll(/^enum\s+(\w+)\s*\{([^}]*)\}/gm)) {
    const lines = body!
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const dbName = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    enumDbNames.set(name!, dbName);
    enums[dbName] = lines.filter((l) => !l.startsWith('@@')).map((l) => l.split(/\s+/)[0]!);
  }
  const blocks = [...text.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)];
  const models = new Set(blocks.map((b) => b[1]!));
  const tables: SchemaShape['tables'] = {};
  for (const [, name, body] of blocks) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const columns: Record<string, ColumnShape> = {};
    for (const raw of body!.split('\n')) {
      const line = raw.trim();
      if (!line || line.startsWith('@@')) continue;
      const m = /^(\w+)\s+(\w+)(\[\])?(\?)?\s*(.*)$/.exec(line);
      if (!m) continue;
      const [, field, type, list, optional, attrs] = m;
      if (models.has(type!)) continue; // relation field
      const column = /@map\("([^"]+)"\)/.exec(attrs!)?.[1] ?? field!;
      const db = /@db\.(\w+(?:\([^)]*\))?)/.exec(attrs!)?.[1];
      const enumName = enumDbNames.get(type!);
      const pgType = enumName ?? (db ? nativeType(db) : SCALARS[type!]);
      if (!pgType) throw new Error(`Unsupported Prisma type ${type} on ${name}.${field}`);
      // A scalar list is a PostgreSQL array, never null in a Prisma schema.
      columns[column] = { type: list ? `${pgType}[]` : pgType, nullable: Boolean(optional) };
    }
    tables[table] = columns;
  }
  return { tables, enums };
}

export function readPrismaSchema(file = SCHEMA_FILE): SchemaShape {
  return parsePrismaSchema(fs.readFileSync(file, 'utf8'));
}

/** The shape of the `public` schema of a database (Prisma's own bookkeeping table left out). */
export async function introspectDatabase(client: pg.Client | pg.PoolClient): Promise<SchemaShape> {
  const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           NOT a.attnotnull AS nullable
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname, a.attnum`);
  const tables: SchemaShape['tables'] = {};
  for (const r of columns.rows) {
    // format_type quotes enum names that need it; schema.prisma names them bare.
    (tables[r.table] ??= {})[r.column] = { type: r.type.replace(/"/g, ''), nullable: r.nullable };
  }
  const enumRows = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  const enums = Object.fromEntries(enumRows.rows.map((r) => [r.name, r.values]));
  return { tables, enums };
}

/** Human-readable differences; empty when the two agree. */
export function diffSchemas(prisma: SchemaShape, database: SchemaShape): string[] {
  const out: string[] = [];
  for (const [table, cols] of Object.entries(prisma.tables)) {
    const dbCols = database.tables[table];
    if (!dbCols) {
      out.push(`table ${table}: in schema.prisma, missing in the database`);
      continue;
    }
    for (const [col, shape] of Object.entries(cols)) {
      const dbShape = dbCols[col];
      if (!dbShape) out.push(`${table}.${col}: in schema.prisma, missing in the database`);
      else {
        if (dbShape.type !== shape.type)
          out.push(`${table}.${col}: type ${shape.type} in schema.prisma, ${dbShape.type} in the database`);
        if (dbShape.nullable !== shape.nullable) {
          out.push(
            `${table}.${col}: ${shape.nullable ? 'optional' : 'required'} in schema.prisma, ${dbShape.nullable ? 'nullable' : 'NOT NULL'} in the database`,
          );
        }
      }
    }
    for (const col of Object.keys(dbCols)) {
      if (!(col in cols)) out.push(`${table}.${col}: in the database, missing in schema.prisma`);
    }
  }
  for (const table of Object.keys(database.tables)) {
    if (!(table in prisma.tables)) out.push(`table ${table}: in the database, missing in schema.prisma`);
  }
  const enumNames = new Set([...Object.keys(prisma.enums), ...Object.keys(database.enums)]);
  for (const name of enumNames) {
    const a = prisma.enums[name]?.join(', ');
    const b = database.enums[name]?.join(', ');
    if (a !== b) out.push(`enum ${name}: [${a ?? 'absent'}] in schema.prisma, [${b ?? 'absent'}] in the database`);
  }
  return out;
}
