// Writes resources/icon.svg and resources/icon.png (512×512) from one shape list, using only
// Node built-ins, so the two never drift apart. Run: node resources/generate-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 512;
const TOP = [20, 184, 166]; // #14b8a6
const BOTTOM = [15, 118, 110]; // #0f766e
const WHITE = [255, 255, 255];
const DARK = [15, 118, 110];

// A teal tile, a white speech bubble, three "typing" dots: a conversation at the counter.
const shapes = [
  { kind: 'roundRect', x: 32, y: 32, w: 448, h: 448, r: 100, fill: 'gradient' },
  { kind: 'roundRect', x: 112, y: 128, w: 288, h: 208, r: 60, fill: WHITE },
  { kind: 'triangle', points: [[150, 300], [132, 400], [240, 330]], fill: WHITE },
  { kind: 'circle', cx: 196, cy: 232, r: 22, fill: DARK },
  { kind: 'circle', cx: 256, cy: 232, r: 22, fill: DARK },
  { kind: 'circle', cx: 316, cy: 232, r: 22, fill: DARK },
];

const hex = ([r, g, b]) => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;

function toSvg() {
  const fill = (shape) => (shape.fill === 'gradient' ? 'url(#tile)' : hex(shape.fill));
  const body = shapes.map((s) => {
    if (s.kind === 'roundRect') return `  <rect x="${s.x}" y="${s.y}" width="${s.w}" height="${s.h}" rx="${s.r}" fill="${fill(s)}"/>`;
    if (s.kind === 'circle') return `  <circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${fill(s)}"/>`;
    return `  <polygon points="${s.points.map((p) => p.join(',')).join(' ')}" fill="${fill(s)}"/>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">`,
    '  <defs>',
    '    <linearGradient id="tile" x1="0" y1="32" x2="0" y2="480" gradientUnits="userSpaceOnUse">',
    `      <stop offset="0" stop-color="${hex(TOP)}"/>`,
    `      <stop offset="1" stop-color="${hex(BOTTOM)}"/>`,
    '    </linearGradient>',
    '  </defs>',
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

function inside(shape, x, y) {
  if (shape.kind === 'circle') return (x - shape.cx) ** 2 + (y - shape.cy) ** 2 <= shape.r ** 2;
  if (shape.kind === 'roundRect') {
    const { x: left, y: top, w, h, r } = shape;
    const nx = Math.min(Math.max(x, left + r), left + w - r);
    const ny = Math.min(Math.max(y, top + r), top + h - r);
    return x >= left && x <= left + w && y >= top && y <= top + h && (x - nx) ** 2 + (y - ny) ** 2 <= r ** 2;
  }
  const [[ax, ay], [bx, by], [cx, cy]] = shape.points;
  const side = (px, py, qx, qy) => (x - qx) * (py - qy) - (px - qx) * (y - qy);
  const d1 = side(ax, ay, bx, by);
  const d2 = side(bx, by, cx, cy);
  const d3 = side(cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
}

function colorAt(shape, y) {
  if (shape.fill !== 'gradient') return shape.fill;
  const t = Math.min(Math.max((y - 32) / 448, 0), 1);
  return TOP.map((top, i) => top + (BOTTOM[i] - top) * t);
}

/** 4×4 supersampling per pixel for smooth edges; returns straight-alpha RGBA rows. */
function rasterize() {
  const samples = 4;
  const pixels = Buffer.alloc(SIZE * SIZE * 4);
  for (let py = 0; py < SIZE; py++) {
    for (let px = 0; px < SIZE; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = px + (sx + 0.5) / samples;
          const y = py + (sy + 0.5) / samples;
          let color = null;
          for (const shape of shapes) if (inside(shape, x, y)) color = colorAt(shape, y);
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const offset = (py * SIZE + px) * 4;
      if (a > 0) {
        pixels[offset] = Math.round(r / a);
        pixels[offset + 1] = Math.round(g / a);
        pixels[offset + 2] = Math.round(b / a);
      }
      pixels[offset + 3] = Math.round((a / samples ** 2) * 255);
    }
  }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function toPng(pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) pixels.copy(rows, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const here = path.dirname(fileURLToPath(import.meta.url));
fs.writeFileSync(path.join(here, 'icon.svg'), toSvg());
fs.writeFileSync(path.join(here, 'icon.png'), toPng(rasterize()));
console.log('wrote resources/icon.svg and resources/icon.png');
