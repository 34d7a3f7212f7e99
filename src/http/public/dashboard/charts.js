// Two small SVG charts drawn without a library: horizontal bars per field and a radar profile.
// Colours come from CSS classes (theme variables); the same numbers are in the table next to them.

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs))
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  for (const child of children)
    if (child) node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return node;
}

let chartId = 0;

function frame(width, height, title, desc) {
  chartId += 1;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'aria-labelledby': `chart-t${chartId} chart-d${chartId}`,
    class: 'chart',
    focusable: 'false',
  });
  root.append(svg('title', { id: `chart-t${chartId}` }, title), svg('desc', { id: `chart-d${chartId}` }, desc));
  return root;
}

/**
 * @param {{ fieldId: string, score: number | null, trafficLight: string | null }[]} fields
 * @param {{ name: (id: string) => string, format: (v: number | null) => string, title: string, medianLabel: string,
 *           comparison: Record<string, any> | null, width?: number }} opts
 */
export function barChart(fields, opts) {
  const width = opts.width ?? 600;
  const rowHeight = 46;
  const height = fields.length * rowHeight + 8;
  const desc = fields.map((f) => `${opts.name(f.fieldId)}: ${opts.format(f.score)}`).join('; ');
  const root = frame(width, height, opts.title, desc);
  for (const at of [25, 50, 75]) {
    root.append(svg('line', { x1: (at / 100) * width, x2: (at / 100) * width, y1: 0, y2: height, class: 'grid' }));
  }
  fields.forEach((f, i) => {
    const y = i * rowHeight;
    root.append(svg('text', { x: 0, y: y + 15, class: 'label' }, opts.name(f.fieldId)));
    root.append(svg('text', { x: width, y: y + 15, class: 'value', 'text-anchor': 'end' }, opts.format(f.score)));
    root.append(svg('rect', { x: 0, y: y + 21, width, height: 14, rx: 3, class: 'track' }));
    if (f.score !== null) {
      root.append(
        svg('rect', {
          x: 0,
          y: y + 21,
          width: Math.max(2, (f.score / 100) * width),
          height: 14,
          rx: 3,
          class: `bar light-${f.trafficLight ?? 'none'}`,
        }),
      );
    }
    const c = opts.comparison?.[f.fieldId];
    if (c && c.status === 'ok') {
      root.append(
        svg('rect', {
          x: (c.lowerQuartile / 100) * width,
          y: y + 37,
          width: Math.max(2, ((c.upperQuartile - c.lowerQuartile) / 100) * width),
          height: 5,
          class: 'iqr',
        }),
      );
      root.append(
        svg(
          'line',
          { x1: (c.median / 100) * width, x2: (c.median / 100) * width, y1: y + 18, y2: y + 43, class: 'median' },
          svg('title', {}, `${opts.medianLabel}: ${opts.format(c.median)}`),
        ),
      );
    }
  });
  return root;
}

/**
 * @param {{ fieldId: string, score: number | null }[]} fields
 * @param {{ name: (id: string) => string, format: (v: number | null) => string, title: string, comparison: Record<string, any> | null }} opts
 */
export function radarChart(fields, opts) {
  const size = 340;
  const c = size / 2;
  const radius = 118;
  const n = fields.length;
  const point = (i, value) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
    const r = (Math.max(0, Math.min(100, value)) / 100) * radius;
    return [c + r * Math.cos(angle), c + r * Math.sin(angle)];
  };
  const desc = fields.map((f) => `${opts.name(f.fieldId)}: ${opts.format(f.score)}`).join('; ');
  const root = frame(size, size, opts.title, desc);
  for (const ring of [25, 50, 75, 100]) {
    root.append(svg('polygon', { points: fields.map((_, i) => point(i, ring).join(',')).join(' '), class: 'ring' }));
  }
  fields.forEach((f, i) => {
    const [x, y] = point(i, 100);
    root.append(svg('line', { x1: c, y1: c, x2: x, y2: y, class: 'axis' }));
    const [lx, ly] = point(i, 118);
    const anchor = Math.abs(lx - c) < 4 ? 'middle' : lx > c ? 'start' : 'end';
    root.append(
      svg(
        'text',
        { x: lx, y: ly + 4, 'text-anchor': anchor, class: 'label' },
        svg('title', {}, opts.name(f.fieldId)),
        f.fieldId,
      ),
    );
  });
  const medians = opts.comparison ? fields.map((f) => opts.comparison[f.fieldId]) : [];
  if (medians.length && medians.every((m) => m && m.status === 'ok')) {
    root.append(
      svg('polygon', { points: medians.map((m, i) => point(i, m.median).join(',')).join(' '), class: 'median-shape' }),
    );
  }
  root.append(
    svg('polygon', { points: fields.map((f, i) => point(i, f.score ?? 0).join(',')).join(' '), class: 'shape' }),
  );
  fields.forEach((f, i) => {
    if (f.score === null) return;
    const [x, y] = point(i, f.score);
    root.append(svg('circle', { cx: x, cy: y, r: 3.5, class: 'dot' }));
  });
  return root;
}
