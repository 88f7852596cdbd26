/**
 * Chart downloads: the chart's <svg> serialised as a standalone SVG file, or drawn onto a
 * canvas and saved as PNG (2× for crisp text). Runs in the browser only.
 */

function standaloneSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  // A white background so the file reads the same outside a dark page.
  const bg = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', 'white');
  clone.insertBefore(bg, clone.firstChild);
  clone.setAttribute('font-family', getComputedStyle(svg).fontFamily || 'sans-serif');
  return new XMLSerializer().serializeToString(clone);
}

export function save(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The main chart surface inside a container (recharts draws legends as separate small svgs). */
export function chartSvg(container: HTMLElement | null): SVGSVGElement | null {
  if (!container) return null;
  const all = [...container.querySelectorAll('svg')];
  return (
    all.sort(
      (a, b) =>
        b.getBoundingClientRect().width * b.getBoundingClientRect().height -
        a.getBoundingClientRect().width * a.getBoundingClientRect().height,
    )[0] ?? null
  );
}

export function downloadSvg(svg: SVGSVGElement, name: string): void {
  save(new Blob([standaloneSvg(svg)], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, name: string, scale = 2): Promise<void> {
  const { width, height } = svg.getBoundingClientRect();
  save(await pngOfSvgText(standaloneSvg(svg), width, height, scale), `${name}.png`);
}

/** A standalone SVG document drawn onto a canvas at `scale`, encoded as PNG. */
export async function pngOfSvgText(text: string, width: number, height: number, scale: number): Promise<Blob> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  try {
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('the chart could not be drawn as an image'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * scale));
    canvas.height = Math.max(1, Math.round(height * scale));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2-D canvas available');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the PNG could not be encoded');
    return blob;
  } finally {
    URL.revokeObjectURL(url);
  }
}
