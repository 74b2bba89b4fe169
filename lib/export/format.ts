// A file format of an export: the bytes of a file written as the rows of a query arrive, fetch by fetch
// (lib/server/export.ts streams them). CSV and XLSX implement it; both hold one fetch in memory at most.
export type ExportRow = Record<string, unknown>;

export interface ExportWriter {
  /** Writes the rows of one fetch; may wait (e.g. for a compressor to catch up). */
  rows(batch: ExportRow[]): void | Promise<void>;
  /** Ends the file after the last row (trailers, zip directory); resolves when every byte was emitted. */
  close(): Promise<void>;
}

export interface ExportFormat {
  contentType: string;
  /** Starts a file whose bytes go to `emit`, in order. */
  open(emit: (chunk: Uint8Array) => void): ExportWriter;
}
