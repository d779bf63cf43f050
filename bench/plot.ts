// A small SVG line chart (log–log: kit size against time), written by hand so the bench needs no plotting library.
export interface Series {
  name: string
  color: string
  points: { x: number; y: number }[]
}

export function lineChart(
  series: Series[],
  options: { title: string; xLabel: string; yLabel: string },
): string {
  const W = 720
  const H = 440
  const m = { left: 70, right: 190, top: 40, bottom: 50 }
  const all = series.flatMap((s) => s.points).filter((p) => p.x > 0 && p.y > 0)
  const [x0, x1] = decades(all.map((p) => p.x))
  const [y0, y1] = decades(all.map((p) => p.y))
  const px = (x: number) => m.left + ((Math.log10(x) - x0) / (x1 - x0)) * (W - m.left - m.right)
  const py = (y: number) => H - m.bottom - ((Math.log10(y) - y0) / (y1 - y0)) * (H - m.top - m.bottom)
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2 - m.right / 2 + m.left / 2}" y="22" text-anchor="middle" font-size="15">${esc(options.title)}</text>`,
  ]
  for (let d = x0; d <= x1; d++) {
    out.push(
      `<line x1="${px(10 ** d)}" y1="${m.top}" x2="${px(10 ** d)}" y2="${H - m.bottom}" stroke="#eee"/>`,
    )
    out.push(`<text x="${px(10 ** d)}" y="${H - m.bottom + 16}" text-anchor="middle">${fmt(10 ** d)}</text>`)
  }
  for (let d = y0; d <= y1; d++) {
    out.push(
      `<line x1="${m.left}" y1="${py(10 ** d)}" x2="${W - m.right}" y2="${py(10 ** d)}" stroke="#eee"/>`,
    )
    out.push(`<text x="${m.left - 6}" y="${py(10 ** d) + 4}" text-anchor="end">${fmt(10 ** d)}</text>`)
  }
  out.push(
    `<text x="${(m.left + W - m.right) / 2}" y="${H - 12}" text-anchor="middle">${esc(options.xLabel)}</text>`,
  )
  out.push(
    `<text transform="translate(16 ${(m.top + H - m.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(options.yLabel)}</text>`,
  )
  series.forEach((s, i) => {
    const pts = s.points.filter((p) => p.x > 0 && p.y > 0)
    out.push(
      `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${pts.map((p) => `${px(p.x).toFixed(1)},${py(p.y).toFixed(1)}`).join(' ')}"/>`,
    )
    for (const p of pts)
      out.push(`<circle cx="${px(p.x).toFixed(1)}" cy="${py(p.y).toFixed(1)}" r="3" fill="${s.color}"/>`)
    const ly = m.top + 10 + i * 20
    out.push(
      `<line x1="${W - m.right + 14}" y1="${ly}" x2="${W - m.right + 34}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`,
    )
    out.push(`<text x="${W - m.right + 40}" y="${ly + 4}">${esc(s.name)}</text>`)
  })
  out.push('</svg>')
  return `${out.join('\n')}\n`
}

// --- internal ---

function decades(values: number[]): [number, number] {
  const logs = values.map((v) => Math.log10(v))
  return [Math.floor(Math.min(...logs)), Math.ceil(Math.max(...logs))]
}

function fmt(v: number): string {
  return v >= 1000 ? `${v / 1000}k` : String(v)
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;')
}
