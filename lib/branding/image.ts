// Uploaded logos and favicons: only PNG, JPEG and WebP, recognised by their bytes (never by the
// file name or the browser's type), with sane dimensions. Text-bearing chunks and segments are
// dropped, so what is stored is pixels only and cannot carry a script or a hidden document.

export type ImageType = 'image/png' | 'image/jpeg' | 'image/webp';
export type CheckedImage = { contentType: ImageType; bytes: Buffer; width: number; height: number };
export type ImageProblem = 'image_type' | 'image_corrupt' | 'image_too_large' | 'image_dimensions';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Chunks that describe pixels; tEXt, iTXt, zTXt, eXIf and unknown ones are dropped. */
const PNG_KEPT = new Set([
  'IHDR',
  'PLTE',
  'IDAT',
  'IEND',
  'tRNS',
  'gAMA',
  'cHRM',
  'sRGB',
  'iCCP',
  'pHYs',
  'sBIT',
  'bKGD',
  'acTL',
  'fcTL',
  'fdAT',
]);
/** WebP chunks that describe pixels; EXIF and XMP are dropped. */
const WEBP_KEPT = new Set(['VP8 ', 'VP8L', 'VP8X', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);

export function checkImage(
  input: Buffer,
  limits: { maxBytes: number; minSide: number; maxSide: number },
): CheckedImage | ImageProblem {
  if (input.length > limits.maxBytes) return 'image_too_large';
  let image: CheckedImage | null;
  try {
    if (input.subarray(0, 8).equals(PNG_SIGNATURE)) image = cleanPng(input);
    else if (input[0] === 0xff && input[1] === 0xd8 && input[2] === 0xff) image = cleanJpeg(input);
    else if (input.toString('latin1', 0, 4) === 'RIFF' && input.toString('latin1', 8, 12) === 'WEBP') image = cleanWebp(input);
    else return 'image_type';
  } catch {
    image = null;
  }
  if (!image) return 'image_corrupt';
  const { width, height } = image;
  if (Math.min(width, height) < limits.minSide || Math.max(width, height) > limits.maxSide) return 'image_dimensions';
  return image;
}

function cleanPng(input: Buffer): CheckedImage | null {
  const kept: Buffer[] = [PNG_SIGNATURE];
  let offset = 8;
  let width = 0;
  let height = 0;
  let ended = false;
  while (offset + 12 <= input.length && !ended) {
    const length = input.readUInt32BE(offset);
    const type = input.toString('latin1', offset + 4, offset + 8);
    const end = offset + 12 + length;
    if (end > input.length || !/^[A-Za-z]{4}$/.test(type)) return null;
    if (offset === 8) {
      if (type !== 'IHDR' || length !== 13) return null;
      width = input.readUInt32BE(offset + 8);
      height = input.readUInt32BE(offset + 12);
    }
    if (PNG_KEPT.has(type)) kept.push(input.subarray(offset, end));
    ended = type === 'IEND';
    offset = end;
  }
  return ended && width > 0 ? { contentType: 'image/png', bytes: Buffer.concat(kept), width, height } : null;
}

const SOF_MARKERS = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
/** APP0 (JFIF), APP2 (ICC profile) and APP14 (Adobe colour) affect pixels; other APPn and COM do not. */
const JPEG_KEPT_APP = new Set([0xe0, 0xe2, 0xee]);

function cleanJpeg(input: Buffer): CheckedImage | null {
  const kept: Buffer[] = [input.subarray(0, 2)];
  let offset = 2;
  let width = 0;
  let height = 0;
  while (offset + 4 <= input.length) {
    if (input[offset] !== 0xff) return null;
    const marker = input[offset + 1];
    const length = input.readUInt16BE(offset + 2);
    const end = offset + 2 + length;
    if (length < 2 || end > input.length) return null;
    if (SOF_MARKERS.has(marker)) {
      height = input.readUInt16BE(offset + 5);
      width = input.readUInt16BE(offset + 7);
    }
    const isText = marker === 0xfe || (marker >= 0xe0 && marker <= 0xef && !JPEG_KEPT_APP.has(marker));
    if (!isText) kept.push(input.subarray(offset, end));
    offset = end;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data runs to the end-of-image marker, copied as it is.
      const eoi = input.lastIndexOf(Buffer.from([0xff, 0xd9]));
      if (eoi < offset) return null;
      kept.push(input.subarray(offset, eoi + 2));
      return width > 0 && height > 0 ? { contentType: 'image/jpeg', bytes: Buffer.concat(kept), width, height } : null;
    }
  }
  return null;
}

function cleanWebp(input: Buffer): CheckedImage | null {
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length) return null;
  const kept: Buffer[] = [];
  let offset = 12;
  let width = 0;
  let height = 0;
  while (offset + 8 <= riffEnd) {
    const type = input.toString('latin1', offset, offset + 4);
    const length = input.readUInt32LE(offset + 4);
    const end = offset + 8 + length + (length % 2);
    if (offset + 8 + length > riffEnd) return null;
    const body = input.subarray(offset + 8, offset + 8 + length);
    if (type === 'VP8X' && length >= 10) {
      width = 1 + body.readUIntLE(4, 3);
      height = 1 + body.readUIntLE(7, 3);
      body[0] &= ~0x0c; // the EXIF and XMP flags: those chunks are dropped below
    } else if (type === 'VP8 ' && length >= 10 && !width) {
      width = body.readUInt16LE(6) & 0x3fff;
      height = body.readUInt16LE(8) & 0x3fff;
    } else if (type === 'VP8L' && length >= 5 && !width) {
      if (body[0] !== 0x2f) return null;
      const bits = body.readUInt32LE(1);
      width = (bits & 0x3fff) + 1;
      height = ((bits >> 14) & 0x3fff) + 1;
    }
    if (WEBP_KEPT.has(type)) kept.push(Buffer.from(input.subarray(offset, Math.min(end, riffEnd))));
    offset = end;
  }
  if (!width || !height || kept.length === 0) return null;
  const chunks = Buffer.concat(kept);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(chunks.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return { contentType: 'image/webp', bytes: Buffer.concat([header, chunks]), width, height };
}
