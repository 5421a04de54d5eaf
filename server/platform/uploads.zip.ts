import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw } from 'node:zlib';
import { fmt, UploadFormatError, type UploadGuard, UploadLimitError } from './uploads.guard';

/**
 * A ZIP reader for uploads: the directory is read from the end of the file with the entry count
 * capped before anything is parsed, every offset is checked against the file, and a part is
 * inflated as a stream whose output is counted against the guard's per-part and total caps
 * (what the directory claims a part inflates to is only used to refuse early, never trusted).
 * Encrypted entries, zip64 and compression other than stored/deflate are refused as format errors.
 */
interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_DIRECTORY_BYTES = 16 * 1024 * 1024;
const CHUNK = 64 * 1024;

export class ZipReader {
  private constructor(
    private readonly fh: FileHandle,
    private readonly file: string,
    private readonly size: number,
    private readonly entries: Map<string, Entry>,
    private readonly guard: UploadGuard,
  ) {}

  static async open(file: string, guard: UploadGuard): Promise<ZipReader> {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      return new ZipReader(fh, file, size, await directory(fh, size, guard), guard);
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  close() {
    return this.fh.close();
  }

  has(name: string) {
    return this.entries.has(name);
  }

  private async dataStart(e: Entry): Promise<number> {
    const h = Buffer.alloc(30);
    if (e.localOffset + 30 > this.size) throw new UploadFormatError('zip entry outside the file');
    await this.fh.read(h, 0, 30, e.localOffset);
    if (h.readUInt32LE(0) !== LOCAL) throw new UploadFormatError('bad zip entry');
    const start = e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
    if (start + e.compressedSize > this.size) throw new UploadFormatError('zip entry outside the file');
    return start;
  }

  /** The inflated bytes of a part, chunk by chunk, counted against the caps as they come. */
  async *bytes(name: string, partCap = this.guard.limits.maxPartBytes): AsyncGenerator<Buffer> {
    const e = this.entries.get(name);
    if (!e) return;
    if (e.declaredSize > partCap) this.guard.inflate(name, e.declaredSize, 0, partCap);
    const start = await this.dataStart(e);
    if (e.compressedSize === 0) return;
    // A stream of its own (destroying a FileHandle's stream would close the shared handle).
    const raw = createReadStream(this.file, {
      start,
      end: start + e.compressedSize - 1,
      highWaterMark: CHUNK,
    });
    const inflater = e.method === 8 ? createInflateRaw({ chunkSize: CHUNK }) : null;
    const source = inflater ? raw.pipe(inflater) : raw;
    // A read error on the file must end the iteration, never surface as an uncaught 'error'.
    if (inflater) raw.on('error', (err) => inflater.destroy(err));
    let done = 0;
    try {
      for await (const chunk of source) {
        const b = chunk as Buffer;
        done += b.length;
        this.guard.inflate(name, done, b.length, partCap);
        this.guard.checkTime();
        yield b;
      }
    } catch (err) {
      if ((err as { code?: string }).code?.startsWith('Z_')) throw new UploadFormatError('bad deflate data');
      throw err;
    } finally {
      raw.destroy();
      inflater?.destroy();
    }
  }

  /** The part as text, pieces decoded as UTF-8 without cutting a character in two. */
  async *text(name: string, partCap?: number): AsyncGenerator<string> {
    const decoder = new StringDecoder('utf8');
    for await (const b of this.bytes(name, partCap)) {
      const s = decoder.write(b);
      if (s) yield s;
    }
    const rest = decoder.end();
    if (rest) yield rest;
  }

  /** A small part (workbook, relationships) whole, under its own small cap; null when absent. */
  async smallText(name: string, cap: number): Promise<string | null> {
    if (!this.has(name)) return null;
    let out = '';
    for await (const s of this.text(name, cap)) out += s;
    return out;
  }
}

async function directory(fh: FileHandle, size: number, guard: UploadGuard): Promise<Map<string, Entry>> {
  const tailLen = Math.min(size, 22 + 65_535);
  const tail = Buffer.alloc(tailLen);
  await fh.read(tail, 0, tailLen, size - tailLen);
  let eocd = -1;
  for (let i = tailLen - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UploadFormatError('not a zip file');
  const max = guard.limits.maxEntries;
  const tooMany = () => new UploadLimitError('entries', `压缩包内的文件超过 ${fmt(max)} 个的上限`);
  const total = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (total === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    throw new UploadFormatError('zip64 is not supported');
  if (total > max) throw tooMany();
  if (cdOffset + cdSize > size || cdSize > MAX_DIRECTORY_BYTES)
    throw new UploadFormatError('bad zip directory');
  const cd = Buffer.alloc(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const out = new Map<string, Entry>();
  let p = 0;
  let count = 0;
  while (p + 46 <= cd.length && cd.readUInt32LE(p) === CENTRAL) {
    if (++count > max) throw tooMany();
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const compressedSize = cd.readUInt32LE(p + 20);
    const declaredSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen > cd.length) throw new UploadFormatError('bad zip directory');
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    if (flags & 1) throw new UploadFormatError('encrypted zip entry');
    if (method !== 0 && method !== 8) throw new UploadFormatError('unsupported compression');
    if (compressedSize === 0xffffffff || declaredSize === 0xffffffff || localOffset === 0xffffffff)
      throw new UploadFormatError('zip64 is not supported');
    // Every part lies before the directory: refuse one that claims to be elsewhere.
    if (localOffset + 30 + nameLen + compressedSize > cdOffset)
      throw new UploadFormatError('zip entry outside the file');
    out.set(name, { name, method, compressedSize, declaredSize, localOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
