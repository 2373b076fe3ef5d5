import QRCode from 'qrcode';

/** Quiet zone around the code, in modules, as the QR standard asks. */
const MARGIN = 4;

/** A QR code as one SVG path (a unit square per dark module) and the viewBox size it needs. */
export function qrPath(text: string): { d: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const parts: string[] = [];
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (modules.get(y, x)) parts.push(`M${x + MARGIN} ${y + MARGIN}h1v1h-1z`);
    }
  }
  return { d: parts.join(''), size: n + 2 * MARGIN };
}
