// An image's dimensions (image-size reads them from the header) and whether the file is complete: each format
// has an end a cut-off download lacks (PNG's IEND chunk, JPEG's end-of-image marker after the last scan, GIF's
// trailer byte, WebP's RIFF length).
import { imageSize } from 'image-size';

export interface ImageFacts {
  width: number;
  height: number;
}

export class ImageProblem extends Error {}

const PNG_IEND = Buffer.from([0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

function complete(mediaType: string, bytes: Buffer): boolean {
  switch (mediaType) {
    case 'image/png':
      return bytes.lastIndexOf(PNG_IEND) >= 8;
    case 'image/jpeg': {
      const lastScan = bytes.lastIndexOf(Buffer.from([0xff, 0xda]));
      return bytes.lastIndexOf(Buffer.from([0xff, 0xd9])) > lastScan;
    }
    case 'image/gif':
      return bytes.lastIndexOf(0x3b) > 12;
    case 'image/webp':
      return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 <= bytes.length;
    default:
      return true;
  }
}

export function readImage(name: string, mediaType: string, bytes: Uint8Array): ImageFacts {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!complete(mediaType, buffer)) throw new ImageProblem(`${name} is cut off: the image ends before its last part, so it was not copied or downloaded completely`);
  let size;
  try {
    size = imageSize(buffer);
  } catch (error) {
    throw new ImageProblem(`${name} cannot be read as an image: ${(error as Error).message}`);
  }
  if (!size.width || !size.height) throw new ImageProblem(`${name} cannot be read as an image: it has no width or height`);
  return { width: size.width, height: size.height };
}
