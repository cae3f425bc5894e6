import QRCode from 'qrcode';

export interface QrDrawing {
  /** Modules per side, including the quiet zone. */
  size: number;
  /** One SVG path covering every dark module (runs of a row merged), in module units. */
  path: string;
}

/** Quiet zone around the code in modules; scanners need some, 2 is enough on a white card. */
const MARGIN = 2;

/**
 * The QR for a pairing payload as a single SVG path. Drawn by us rather than as an HTML string so
 * React owns the markup; always dark on white, whatever the theme, because phones expect that.
 */
export function qrDrawing(payload: string): QrDrawing {
  const { modules } = QRCode.create(payload, { errorCorrectionLevel: 'L' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    let col = 0;
    while (col < modules.size) {
      if (!modules.get(row, col)) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < modules.size && modules.get(row, col)) col += 1;
      const run = col - start;
      parts.push(`M${start + MARGIN} ${row + MARGIN}h${run}v1h-${run}z`);
    }
  }
  return { size: modules.size + 2 * MARGIN, path: parts.join('') };
}
