// The part of unzipper's API the XLSX reader uses (the package ships no types): a zip read through its central directory.
declare module 'unzipper' {
  import type { Readable } from 'node:stream';

  interface Entry {
    path: string;
    stream(): Readable;
  }
  const unzipper: { Open: { file(path: string): Promise<{ files: Entry[] }> } };
  export default unzipper;
}
