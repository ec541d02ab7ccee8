/**
 * The digest's chart, drawn here as a PNG (mail clients show PNG; many drop SVG): one row per
 * objective, last week's score as a grey bar and this week's over it in colour, on a 0–100%
 * scale with a tick at 70%. No text in the image: the mail's table beside it names the rows.
 */
import { deflateSync } from "node:zlib";

const WIDTH = 360;
const ROW = 22;
const PAD = 6;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [255, 255, 255];
const TRACK: Rgb = [238, 240, 243];
const BEFORE: Rgb = [176, 184, 194];
const TICK: Rgb = [120, 128, 138];

function colourOf(score: number): Rgb {
  return score >= 0.7 ? [46, 160, 67] : score >= 0.4 ? [219, 155, 20] : [207, 58, 58];
}

/** One row per objective: its score a week ago (null: none) and now. */
export interface ChartRow {
  before: number | null;
  now: number | null;
}

/** The chart as PNG bytes. */
export function renderScoreChart(rows: readonly ChartRow[]): Buffer {
  const height = Math.max(1, rows.length) * ROW + PAD;
  const pixels = Buffer.alloc(WIDTH * height * 3);
  const paint = (x0: number, y0: number, w: number, h: number, rgb: Rgb) => {
    for (let y = Math.max(0, y0); y < Math.min(height, y0 + h); y++) {
      for (let x = Math.max(0, x0); x < Math.min(WIDTH, x0 + w); x++) {
        const at = (y * WIDTH + x) * 3;
        pixels[at] = rgb[0];
        pixels[at + 1] = rgb[1];
        pixels[at + 2] = rgb[2];
      }
    }
  };
  paint(0, 0, WIDTH, height, BACKGROUND);
  const span = WIDTH - 2 * PAD;
  const widthOf = (score: number) => Math.round(Math.min(1, Math.max(0, score)) * span);
  rows.forEach((row, i) => {
    const top = PAD + i * ROW;
    paint(PAD, top, span, ROW - PAD, TRACK);
    if (row.before !== null) paint(PAD, top, widthOf(row.before), ROW - PAD, BEFORE);
    if (row.now !== null) {
      paint(PAD, top + 4, widthOf(row.now), ROW - PAD - 8, colourOf(row.now));
    }
  });
  paint(PAD + Math.round(0.7 * span), 0, 1, height, TICK);

  const scanlines = Buffer.alloc((WIDTH * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    scanlines[y * (WIDTH * 3 + 1)] = 0; // no filter
    pixels.copy(scanlines, y * (WIDTH * 3 + 1) + 1, y * WIDTH * 3, (y + 1) * WIDTH * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(scanlines)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
