// Small hand-drawn SVG charts: no chart library to ship, nothing fetched at run time.

const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export const formatTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');

/** The last checks as a row of cells, oldest left; each cell's tooltip gives the time and describe(check). */
export function heartbeatBar(beats, slots, describe) {
  const width = slots * 4;
  const svg = el('svg', { class: 'heartbeats', viewBox: `0 0 ${width} 16`, width, height: 16, role: 'img' });
  const failures = beats.filter((b) => !b.success).length;
  svg.setAttribute('aria-label', beats.length ? `Last ${beats.length} checks: ${failures} failed` : 'No checks yet');
  const ordered = [...beats].reverse();
  ordered.forEach((beat, i) => {
    const x = (slots - ordered.length + i) * 4;
    const rect = el('rect', { x, y: 0, width: 3, height: 16, rx: 1, class: beat.success ? 'ok' : 'fail' });
    rect.append(el('title', {}, `${formatTime(beat.checked_at)} · ${describe(beat)}`));
    svg.append(rect);
  });
  return svg;
}

/** One cell per day, coloured by that day's uptime; the tooltip gives the figure and the incidents. */
export function dayBar(days) {
  const width = days.length * 4;
  const svg = el('svg', { class: 'days', viewBox: `0 0 ${width} 24`, preserveAspectRatio: 'none', role: 'img' });
  const covered = days.filter((d) => d.uptime_percent !== null);
  svg.setAttribute('aria-label', `Daily uptime over ${days.length} days; ${covered.filter((d) => d.uptime_percent < 100).length} days with failures`);
  days.forEach((day, i) => {
    const u = day.uptime_percent;
    const cls = u === null ? 'none' : u >= 99.9 ? 'ok' : u >= 95 ? 'warn' : 'fail';
    const rect = el('rect', { x: i * 4, y: 0, width: 3, height: 24, class: cls });
    rect.append(el('title', {}, `${day.day}: ${u === null ? 'no data' : `${u}% uptime`}`
      + (day.incidents ? `, ${day.incidents} incident${day.incidents > 1 ? 's' : ''}` : '')));
    svg.append(rect);
  });
  return svg;
}

/** A line chart of average and p95 latency per bucket of the series endpoint; failed buckets marked below. */
export function latencyChart(buckets) {
  const w = 720;
  const h = 220;
  const pad = { l: 48, r: 8, t: 10, b: 24 };
  const svg = el('svg', { class: 'chart', viewBox: `0 0 ${w} ${h}`, role: 'img' });
  const points = buckets.filter((b) => b.latency_ms && b.latency_ms.avg !== null);
  svg.setAttribute('aria-label', points.length
    ? `Response time: ${points.length} buckets, latest average ${points.at(-1).latency_ms.avg} ms`
    : 'Response time: no data in this window');
  if (!buckets.length) return svg;
  const t0 = Date.parse(buckets[0].from);
  const t1 = Date.parse(buckets.at(-1).from) || t0 + 1;
  const max = Math.max(1, ...points.map((b) => Number(b.latency_ms.p95 ?? b.latency_ms.avg)));
  const x = (t) => pad.l + ((t - t0) / Math.max(1, t1 - t0)) * (w - pad.l - pad.r);
  const y = (v) => h - pad.b - (v / max) * (h - pad.t - pad.b);
  for (const f of [0, 0.5, 1]) {
    svg.append(el('line', { x1: pad.l, x2: w - pad.r, y1: y(max * f), y2: y(max * f), class: 'grid' }));
    svg.append(el('text', { x: pad.l - 4, y: y(max * f) + 4, 'text-anchor': 'end', class: 'axis' }, `${Math.round(max * f)} ms`));
  }
  svg.append(el('text', { x: pad.l, y: h - 6, class: 'axis' }, new Date(t0).toLocaleString()));
  svg.append(el('text', { x: w - pad.r, y: h - 6, 'text-anchor': 'end', class: 'axis' }, new Date(t1).toLocaleString()));
  const line = (key, cls) => {
    const d = points.map((b, i) => `${i ? 'L' : 'M'}${x(Date.parse(b.from)).toFixed(1)},${y(Number(b.latency_ms[key] ?? 0)).toFixed(1)}`).join('');
    if (d) svg.append(el('path', { d, class: cls }));
  };
  line('p95', 'p95');
  line('avg', 'avg');
  for (const b of buckets.filter((b) => b.failures > 0)) {
    const mark = el('rect', { x: x(Date.parse(b.from)) - 2, y: h - pad.b + 2, width: 4, height: 6, class: 'fail' });
    mark.append(el('title', {}, `${formatTime(b.from)}: ${b.failures} of ${b.checks} checks failed`));
    svg.append(mark);
  }
  return svg;
}
