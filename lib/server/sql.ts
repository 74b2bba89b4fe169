// Typed SQL: the queries that read rows are written with Kysely, whose table and column types are generated from
// prisma/schema.prisma by prisma-kysely (lib/generated/kysely, at `prisma generate`), and that schema is held equal to the
// migrated database by tests/integration/schema-drift.test.ts. Kysely only builds the SQL: it runs on the one Prisma client
// (raw query), so there is one pool and one way values come back (bigint as BigInt, numeric as Prisma's Decimal).
import 'server-only';
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type QueryResult,
} from 'kysely';
import type { DB } from '@/lib/generated/kysely/database';
import { getDb } from '@/lib/server/db';

export { sql } from 'kysely';
export type { DB } from '@/lib/generated/kysely/database';

/** What a query runs on: the client, or the client of a transaction (`getDb().$transaction(async (tx) => …)`). */
export interface RawClient {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

class RawConnection implements DatabaseConnection {
  constructor(private readonly client: () => RawClient) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const rows = await this.client().$queryRawUnsafe<R[]>(query.sql, ...query.parameters);
    return { rows };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is done with a cursor (lib/server/export.ts).');
  }
}

class RawDriver implements Driver {
  private readonly connection: RawConnection;
  constructor(client: () => RawClient) {
    this.connection = new RawConnection(client);
  }
  async init() {}
  async acquireConnection() {
    return this.connection;
  }
  async beginTransaction(): Promise<void> {
    throw new Error('Transactions are Prisma’s: getDb().$transaction(async (tx) => db(tx)…).');
  }
  async commitTransaction() {}
  async rollbackTransaction() {}
  async releaseConnection() {}
  async destroy() {}
}

function kysely(client: () => RawClient): Kysely<DB> {
  return new Kysely<DB>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new RawDriver(client),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
}

const globalForSql = globalThis as unknown as { tthcKysely?: Kysely<DB> };
const inTransaction = new WeakMap<RawClient, Kysely<DB>>();

/** The query builder on the app's client, or on a transaction's client `tx`. */
export function db(tx?: RawClient): Kysely<DB> {
  if (!tx) return (globalForSql.tthcKysely ??= kysely(() => getDb()));
  let k = inTransaction.get(tx);
  if (!k) inTransaction.set(tx, (k = kysely(() => tx)));
  return k;
}
