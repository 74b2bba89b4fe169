// A file format of an export: the bytes of a file written as the rows of a query arrive, fetch by fetch
// (lib/server/export.ts streams them). CSV and XLSX implement it; both hold one fetch in memory at most.
// `R` is the type of a row of the query (untyped by default).
export type ExportRow = Record<string, unknown>;

export interface ExportWriter<R = ExportRow> {
  /** Writes the rows of one fetch; may wait (e.g. for a compressor to catch up). */
  rows(batch: R[]): void | Promise<void>;
  /** Ends the file after the last row (trailers, zip directory); resolves when every byte was emitted. */
  close(): Promise<void>;
}

export interface ExportFormat<R = ExportRow> {
  contentType: string;
  /** Starts a file whose bytes go to `emit`, in order. */
  open(emit: (chunk: Uint8Array) => void): ExportWriter<R>;
}
