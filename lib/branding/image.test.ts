import { describe, expect, it } from 'vitest';
import { DEFAULT_FAVICON_PNG } from './default-icon';
import { checkImage } from './image';

const limits = { maxBytes: 64 * 1024, minSide: 16, maxSide: 512 };
const SCRIPT = '<script>alert(document.cookie)</script>';

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, data, Buffer.alloc(4)]);
}

/** The default icon with a text chunk before IEND and an HTML document after it. */
function pngWithScript(): Buffer {
  const iend = DEFAULT_FAVICON_PNG.length - 12;
  return Buffer.concat([
    DEFAULT_FAVICON_PNG.subarray(0, iend),
    pngChunk('tEXt', Buffer.from(`Comment\0${SCRIPT}`)),
    DEFAULT_FAVICON_PNG.subarray(iend),
    Buffer.from(`<html>${SCRIPT}</html>`),
  ]);
}

function jpeg(width: number, height: number): Buffer {
  const segment = (marker: number, body: Buffer) => {
    const head = Buffer.from([0xff, marker, 0, 0]);
    head.writeUInt16BE(body.length + 2, 2);
    return Buffer.concat([head, body]);
  };
  const sof = Buffer.from([8, 0, 0, 0, 0, 1, 1, 0x11, 0]);
  sof.writeUInt16BE(height, 1);
  sof.writeUInt16BE(width, 3);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xfe, Buffer.from(SCRIPT)),
    segment(0xe1, Buffer.from(`Exif\0\0${SCRIPT}`)),
    segment(0xc0, sof),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

function webp(width: number, height: number): Buffer {
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, body.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
  };
  const vp8l = Buffer.alloc(6);
  vp8l[0] = 0x2f;
  vp8l.writeUInt32LE(((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14), 1);
  const body = Buffer.concat([Buffer.from('WEBP'), chunk('VP8L', vp8l), chunk('EXIF', Buffer.from(SCRIPT))]);
  const head = Buffer.alloc(8);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

describe('uploaded images', () => {
  it('keeps the pixels of a PNG and drops text chunks and trailing bytes', () => {
    const image = checkImage(pngWithScript(), limits);
    expect(image).toMatchObject({ contentType: 'image/png', width: 32, height: 32 });
    if (typeof image === 'string') throw new Error(image);
    expect(image.bytes.equals(DEFAULT_FAVICON_PNG)).toBe(true);
    expect(image.bytes.toString('latin1')).not.toContain('<script');
  });

  it('reads JPEG dimensions from the frame header and drops comments and EXIF', () => {
    const image = checkImage(jpeg(300, 100), limits);
    expect(image).toMatchObject({ contentType: 'image/jpeg', width: 300, height: 100 });
    if (typeof image === 'string') throw new Error(image);
    expect(image.bytes.toString('latin1')).not.toContain('<script');
    expect(image.bytes.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  it('reads lossless WebP dimensions and drops EXIF', () => {
    const image = checkImage(webp(64, 48), limits);
    expect(image).toMatchObject({ contentType: 'image/webp', width: 64, height: 48 });
    if (typeof image === 'string') throw new Error(image);
    expect(image.bytes.toString('latin1')).not.toContain('<script');
    expect(image.bytes.readUInt32LE(4)).toBe(image.bytes.length - 8);
  });

  it('refuses other types, whatever the file is called', () => {
    expect(checkImage(Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`), limits)).toBe('image_type');
    expect(checkImage(Buffer.from(`<html>${SCRIPT}</html>`), limits)).toBe('image_type');
    expect(checkImage(Buffer.from('GIF89a\x01\0\x01\0'), limits)).toBe('image_type');
  });

  it('refuses cut, oversized and out-of-range images', () => {
    expect(checkImage(DEFAULT_FAVICON_PNG.subarray(0, 40), limits)).toBe('image_corrupt');
    expect(checkImage(jpeg(300, 100).subarray(0, 30), limits)).toBe('image_corrupt');
    expect(checkImage(Buffer.concat([DEFAULT_FAVICON_PNG, Buffer.alloc(limits.maxBytes)]), limits)).toBe('image_too_large');
    expect(checkImage(jpeg(4000, 100), limits)).toBe('image_dimensions');
    expect(checkImage(webp(8, 8), limits)).toBe('image_dimensions');
  });
});
