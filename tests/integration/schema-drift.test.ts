// The migrations and schema.prisma must describe the same database (what `prisma migrate diff` would tell us).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { diffSchemas, introspectDatabase, readPrismaSchema, type SchemaShape } from '../../lib/db/schema-drift';
import { requireDatabaseUrl } from '../../lib/env';

let client: pg.Client;
let database: SchemaShape;
beforeAll(async () => {
  client = new pg.Client({ connectionString: requireDatabaseUrl() });
  await client.connect();
  database = await introspectDatabase(client);
});
afterAll(() => client.end());

describe('schema drift', () => {
  test('the migrated database matches prisma/schema.prisma', () => {
    expect(diffSchemas(readPrismaSchema(), database)).toEqual([]);
  });

  test('every model and enum is covered', () => {
    const prisma = readPrismaSchema();
    expect(Object.keys(prisma.tables).sort()).toEqual(Object.keys(database.tables).sort());
    expect(Object.keys(prisma.tables).length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(prisma.enums).sort()).toEqual(Object.keys(database.enums).sort());
    expect(Object.keys(prisma.enums)).toContain('token_role');
  });

  test('a column dropped from the migrations is reported', () => {
    const { handler: _dropped, ...rest } = database.tables.dossiers!;
    const drifted = { ...database, tables: { ...database.tables, dossiers: rest } };
    expect(diffSchemas(readPrismaSchema(), drifted)).toEqual(['dossiers.handler: in schema.prisma, missing in the database']);
  });

  test('a changed type, nullability or enum is reported', () => {
    const dossiers = { ...database.tables.dossiers!, fee: { type: 'integer', nullable: false } };
    const drifted = {
      tables: { ...database.tables, dossiers },
      enums: { ...database.enums, unit_level: ['tinh', 'huyen', 'xa'] },
    };
    expect(diffSchemas(readPrismaSchema(), drifted)).toEqual([
      'dossiers.fee: type bigint in schema.prisma, integer in the database',
      'dossiers.fee: optional in schema.prisma, NOT NULL in the database',
      'enum unit_level: [tinh, so_nganh, huyen, xa] in schema.prisma, [tinh, huyen, xa] in the database',
    ]);
  });
});
