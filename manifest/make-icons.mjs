// Draws the two app icons Teams asks for and writes them next to this script:
//   color.png   192x192: a white house with two people at a table on the accent colour
//   outline.png  32x32:  the same house, white on transparent
// Run it again after changing the design or the accent colour: `node manifest/make-icons.mjs`.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./lib/png.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const template = JSON.parse(readFileSync(join(here, "manifest.template.json"), "utf8"));
const accent = hexToRgb(template.accentColor);

// The design, in a unit square (0,0 top left). A point is ink when any shape contains it.
const rect = (x0, y0, x1, y1) => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const triangle = (ax, ay, bx, by, cx, cy) => (x, y) => {
  const d1 = (x - bx) * (ay - by) - (ax - bx) * (y - by);
  const d2 = (x - cx) * (by - cy) - (bx - cx) * (y - cy);
  const d3 = (x - ax) * (cy - ay) - (cx - ax) * (y - ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};
const house = [
  triangle(0.02, 0.46, 0.5, 0.04, 0.98, 0.46), // roof
  rect(0.7, 0.1, 0.8, 0.3), // chimney
  rect(0.14, 0.44, 0.24, 0.96), // left wall
  rect(0.76, 0.44, 0.86, 0.96), // right wall
  rect(0.14, 0.86, 0.86, 0.96), // floor
  circle(0.39, 0.58, 0.065), // two people...
  circle(0.61, 0.58, 0.065),
  rect(0.29, 0.68, 0.71, 0.75), // ...at a table
  rect(0.33, 0.75, 0.39, 0.86),
  rect(0.61, 0.75, 0.67, 0.86),
];
const ink = (x, y) => house.some((shape) => shape(x, y));

/** Coverage of the design per pixel (0..1), 8x8 samples per pixel for smooth edges. */
function coverage(size, padding) {
  const samples = 8;
  const scale = size - 2 * padding;
  const result = new Float64Array(size * size);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples - padding) / scale;
          const y = (py + (sy + 0.5) / samples - padding) / scale;
          hits += ink(x, y) ? 1 : 0;
        }
      }
      result[py * size + px] = hits / (samples * samples);
    }
  }
  return result;
}

function colorIcon() {
  const size = 192;
  const cover = coverage(size, 44);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => {
    rgba.set([...accent.map((v) => Math.round(v + (255 - v) * c)), 255], i * 4);
  });
  return encodePng(size, size, rgba);
}

function outlineIcon() {
  const size = 32;
  const cover = coverage(size, 2);
  const rgba = new Uint8Array(size * size * 4);
  cover.forEach((c, i) => rgba.set([255, 255, 255, Math.round(c * 255)], i * 4));
  return encodePng(size, size, rgba);
}

function hexToRgb(hex) {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex ?? "");
  if (!match) {
    throw new Error(`accentColor ${hex} in manifest.template.json is not #rrggbb`);
  }
  return match.slice(1).map((h) => parseInt(h, 16));
}

writeFileSync(join(here, "color.png"), colorIcon());
writeFileSync(join(here, "outline.png"), outlineIcon());
console.log(`wrote ${join(here, "color.png")} (192x192) and ${join(here, "outline.png")} (32x32)`);
