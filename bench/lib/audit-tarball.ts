// Tiny npm tarballs for the audit benchmark's tree: a gzipped ustar archive with
// package/package.json and package/index.js, as `npm pack` lays it out. Written by hand (a
// dozen header fields) rather than with a tar package: the benchmark needs only these two files,
// and `npm ci` extracts them with its own tar, so what is measured is npm's real install path.
import { gzipSync } from 'node:zlib';

const BLOCK = 512;
/** npm pack writes this fixed mtime (1985-10-26), so the bytes do not depend on the clock. */
const MTIME = 499162500;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function header(path: string, size: number): Buffer {
  const block = Buffer.alloc(BLOCK);
  const put = (text: string, offset: number) => block.write(text, offset, 'ascii');
  put(path, 0);
  put(octal(0o644, 8), 100);
  put(octal(0, 8), 108);
  put(octal(0, 8), 116);
  put(octal(size, 12), 124);
  put(octal(MTIME, 12), 136);
  put('        ', 148); // the checksum is computed with its own field as spaces
  put('0', 156);
  put('ustar\u000000', 257);
  let sum = 0;
  for (const byte of block) sum += byte;
  put(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return block;
}

/** A gzipped tarball of `files` (path below `package/` -> text). */
export function npmTarball(files: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  for (const [path, text] of Object.entries(files)) {
    const body = Buffer.from(text, 'utf8');
    parts.push(header(`package/${path}`, body.length), body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK));
  }
  parts.push(Buffer.alloc(2 * BLOCK));
  return gzipSync(Buffer.concat(parts), { level: 9 });
}
