/**
 * The search-cost chart, drawn as plain SVG: entries in the base on x, p99 search latency on y (log
 * scale, since the naive baseline is thousands of times slower), one line per engine, and the target.
 */

export interface Series {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  /** Write the point labels under the line rather than over it. */
  readonly labelBelow?: boolean;
  readonly points: readonly { readonly x: number; readonly y: number; readonly label?: string }[];
}

const W = 720;
const H = 420;
const M = { left: 70, right: 170, top: 40, bottom: 50 };

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toLocaleString('en', { maximumFractionDigits: 1 })} s` : `${ms} ms`);

export function searchCostChart(series: readonly Series[], target: { readonly y: number; readonly label: string }, title: string): string {
  const xs = series.flatMap((s) => s.points.map((p) => p.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).filter((y) => y > 0);
  const xMax = Math.max(...xs);
  const yMin = 10 ** Math.floor(Math.log10(Math.min(target.y, ...ys)));
  const yMax = 10 ** Math.ceil(Math.log10(Math.max(target.y, ...ys)));
  const px = (x: number) => M.left + (x / xMax) * (W - M.left - M.right);
  const py = (y: number) =>
    H - M.bottom - ((Math.log10(Math.max(y, yMin)) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (H - M.top - M.bottom);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${W / 2}" y="22" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`);
  // Grid and y axis: one line per power of ten.
  for (let y = yMin; y <= yMax; y *= 10) {
    out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(y)}" y2="${py(y)}" stroke="#ddd"/>`);
    out.push(`<text x="${M.left - 6}" y="${py(y) + 4}" text-anchor="end">${esc(fmt(Number(y.toPrecision(1))))}</text>`);
  }
  // x axis: the base sizes measured.
  for (const x of [...new Set(xs)].sort((a, b) => a - b)) {
    out.push(`<line x1="${px(x)}" x2="${px(x)}" y1="${H - M.bottom}" y2="${H - M.bottom + 5}" stroke="#333"/>`);
    out.push(`<text x="${px(x)}" y="${H - M.bottom + 18}" text-anchor="middle">${x.toLocaleString('en')}</text>`);
  }
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<line x1="${M.left}" x2="${M.left}" y1="${M.top}" y2="${H - M.bottom}" stroke="#333"/>`);
  out.push(`<text x="${(M.left + W - M.right) / 2}" y="${H - 12}" text-anchor="middle">entries in the knowledge base</text>`);
  out.push(`<text transform="translate(16 ${(M.top + H - M.bottom) / 2}) rotate(-90)" text-anchor="middle">p99 search latency (log scale)</text>`);
  // Target.
  out.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${py(target.y)}" y2="${py(target.y)}" stroke="#c00" stroke-dasharray="2 4"/>`);
  out.push(`<text x="${M.left + 6}" y="${py(target.y) - 5}" fill="#c00">${esc(target.label)}</text>`);
  // Series, with a legend on the right.
  series.forEach((s, i) => {
    const path = s.points.map((p, j) => `${j === 0 ? 'M' : 'L'}${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    for (const p of s.points) {
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3.5" fill="${s.color}"/>`);
      const dy = s.labelBelow ? 16 : -6;
      if (p.label) out.push(`<text x="${(px(p.x) + 6).toFixed(1)}" y="${(py(p.y) + dy).toFixed(1)}" fill="${s.color}" font-size="11">${esc(p.label)}</text>`);
    }
    const ly = M.top + 20 + i * 20;
    out.push(`<line x1="${W - M.right + 10}" x2="${W - M.right + 34}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    out.push(`<text x="${W - M.right + 40}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
