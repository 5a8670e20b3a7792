// specs.js — the Vega-Lite charts of the page's own views, made from the
// engine's JSON as it is (no number computed here): the sensitivity
// tornado and Sobol indices with their 95% intervals, a sweep's lines (one
// input) and heat map (two inputs). Each spec carries its rows inline, so
// the table beside the chart (views.js) shows exactly what is drawn.

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
// A field name for Vega-Lite: dots and brackets are not nesting here.
export const field = (name) => String(name).replace(/[.[\]\\]/g, '\\$&');

// Tornado: each input's metric at its low and high quantile, the others at
// their point estimates (a choice: at its options of the lowest and highest
// metric, named by low_option / high_option); the rule marks the metric at
// every point estimate.
export function tornadoSpec(r) {
  const rows = r.inputs.map((i, k) => ({
    input: i.path, rank: k + 1, low: i.low_option ?? i.low, high: i.high_option ?? i.high,
    at_low: i.at_low, at_high: i.at_high,
    swing: i.swing, base: r.base,
  }));
  return {
    $schema: SCHEMA, width: 420, height: { step: 22 },
    title: `${r.parameters.metric}: each input from its ${r.parameters.low} to its ${r.parameters.high} quantile`,
    data: { values: rows },
    layer: [
      { mark: { type: 'bar', color: '#4c78a8' },
        encoding: { y: { field: 'input', type: 'nominal', sort: { field: 'rank' }, title: null },
                    x: { field: 'at_low', type: 'quantitative', title: r.parameters.metric },
                    x2: { field: 'at_high' },
                    tooltip: ['input', 'low', 'high', 'at_low', 'at_high', 'swing'] } },
      { mark: { type: 'rule', color: 'black' }, encoding: { x: { field: 'base', type: 'quantitative' } } },
    ],
  };
}

// Sobol indices: S1 and ST per input with their bootstrap 95% intervals.
export function sobolSpec(r) {
  const rows = [];
  r.inputs.forEach((i, k) => {
    for (const [name, v, ci] of [['S1', i.s1, i.s1_ci], ['ST', i.st, i.st_ci]])
      rows.push({ input: i.path, rank: k + 1, index: name, value: v,
                  lo: ci ? ci[0] : null, hi: ci ? ci[1] : null });
  });
  return {
    $schema: SCHEMA, width: 420, height: { step: 26 },
    title: 'Sobol indices (first-order S1, total ST) with 95% intervals',
    data: { values: rows },
    encoding: { y: { field: 'input', type: 'nominal', sort: { field: 'rank' }, title: null },
                yOffset: { field: 'index' }, color: { field: 'index', type: 'nominal', title: 'index' } },
    layer: [
      { mark: 'rule', encoding: { x: { field: 'lo', type: 'quantitative', title: 'index' }, x2: { field: 'hi' } } },
      { mark: { type: 'point', filled: true },
        encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: ['input', 'index', 'value', 'lo', 'hi'] } },
    ],
  };
}

// An exact count the sweep writes as digits ("1252") is a number here when
// a double holds it exactly (at most 15 digits); words stay words.
const value = (v) => (typeof v === 'string' && /^[0-9]{1,15}$/.test(v) ? Number(v) : v);

// A sweep's points as flat rows: the inputs by path, then every column.
export function sweepRows(r) {
  return r.points.map((p) => {
    const row = {};
    r.vary.forEach((v, k) => { row[v.path] = p.values[k]; });
    for (const c of r.columns) row[c] = p[c] === undefined ? null : value(p[c]);
    return row;
  });
}

// The columns whose every value is a number (what a line or a colour can show).
export function numericColumns(r) {
  const num = (p, c) => typeof value(p[c]) === 'number';
  return r.columns.filter((c) => r.points.some((p) => num(p, c)) &&
    r.points.every((p) => p[c] === null || p[c] === undefined || num(p, c)));
}

// One input: a line per numeric column (or those chosen) along it.
export function sweepLineSpec(r, cols) {
  const x = r.vary[0].path;
  return {
    $schema: SCHEMA, width: 520, height: 260,
    title: `${r.what} along ${x}`,
    data: { values: sweepRows(r) },
    transform: [{ fold: cols, as: ['column', 'number'] }],
    mark: { type: 'line', point: true },
    encoding: { x: { field: field(x), type: 'quantitative', title: x },
                y: { field: 'number', type: 'quantitative', title: null },
                color: { field: 'column', type: 'nominal', title: null },
                tooltip: [{ field: field(x), title: x }, 'column', 'number'] },
  };
}

// Two inputs: a heat map of one column over the grid of pairs.
export function sweepHeatSpec(r, col) {
  const [x, y] = r.vary.map((v) => v.path);
  const fmt = (v) => ({ field: field(v), type: 'ordinal', title: v, sort: 'ascending' });
  return {
    $schema: SCHEMA, width: { step: 44 }, height: { step: 26 },
    title: `${col} over ${x} × ${y}`,
    data: { values: sweepRows(r) },
    encoding: { x: fmt(x), y: { ...fmt(y), sort: 'descending' } },
    layer: [
      { mark: 'rect',
        encoding: { color: { field: field(col), type: 'quantitative', title: col },
                    tooltip: [{ field: field(x), title: x }, { field: field(y), title: y }, { field: field(col), title: col }] } },
      { mark: { type: 'text', fontSize: 10 },
        encoding: { text: { field: field(col), type: 'quantitative', format: '.3~g' } } },
    ],
  };
}

// Monte Carlo of the forecasts: per issue (a panel each, its own scale),
// each model's forecast over the draws — the 90% interval (p05–p95) as a
// line, the 50% interval (p25–p75) as a bar, the median as a tick — and the
// deterministic forecast (`forecast` at the scenario's point values) as a
// red diamond. mc: the montecarlo --what forecast result; fc: the forecast
// result (null: no diamonds). Rows carry the numbers as the JSONs give them.
export function mcForecastRows(mc, fc) {
  const point = new Map();
  for (const m of (fc && fc.models) || [])
    for (const is of m.issues) point.set(`${m.id}\u0000${is.id}`, is);
  const rows = [];
  let order = 0;
  const issues = new Map();
  for (const [model, per] of Object.entries(mc.forecast || {})) {
    for (const [issue, d] of Object.entries(per)) {
      if (!issues.has(issue)) issues.set(issue, order++);
      const p = point.get(`${model}\u0000${issue}`);
      let often = null;
      for (const [name, o] of Object.entries(d.options || {}))
        if (!often || o.count > often[1].count) often = [name, o];
      rows.push({ issue, model, n: d.n, mean: d.mean, sd: d.sd, p05: d.p05, p25: d.p25, p50: d.p50,
                  p75: d.p75, p95: d.p95, forecast: p ? p.forecast : null, option: p ? p.option : null,
                  most_often: often ? often[0] : null, share: often ? often[1].share : null,
                  issue_order: issues.get(issue) });
    }
  }
  return rows;
}

export function mcForecastSpec(mc, fc) {
  const rows = mcForecastRows(mc, fc);
  const issues = [...new Set(rows.map((r) => r.issue))];
  const models = [...new Set(rows.map((r) => r.model))];
  const first = Object.values(mc.forecast || {})[0] || {};
  const y = { field: 'model', type: 'nominal', sort: models, title: null };
  // a discrete issue on its whole index range, each index named by its
  // option; a continuous one on the range of what is drawn
  const panel = (issue) => {
    const names = Object.keys((first[issue] && first[issue].options) || {});
    const x = names.length
      ? { scale: { domain: [0, names.length - 1] },
          axis: { values: names.map((_, k) => k), labelExpr: `${JSON.stringify(names)}[datum.value]`, labelLimit: 120 },
          title: null }
      : { scale: { zero: false }, title: null };
    return {
      title: { text: issue, anchor: 'start', fontSize: 12 },
      transform: [{ filter: { field: 'issue', equal: issue } }],
      width: 420, height: { step: 14 },
      layer: [
        { mark: { type: 'rule', color: '#4c78a8' },
          encoding: { y, x: { field: 'p05', type: 'quantitative', ...x }, x2: { field: 'p95' } } },
        { mark: { type: 'bar', color: '#9ecae9', height: 8 },
          encoding: { y, x: { field: 'p25', type: 'quantitative' }, x2: { field: 'p75' },
                      tooltip: ['issue', 'model', 'p05', 'p25', 'p50', 'p75', 'p95', 'mean', 'forecast', 'option', 'most_often', 'share'] } },
        { mark: { type: 'tick', color: 'black', thickness: 2, size: 12 },
          encoding: { y, x: { field: 'p50', type: 'quantitative' } } },
        { mark: { type: 'point', shape: 'diamond', filled: true, color: '#d62728', size: 50 },
          encoding: { y, x: { field: 'forecast', type: 'quantitative' } } },
      ],
    };
  };
  return {
    $schema: SCHEMA,
    title: { text: `Forecasts over ${mc.samples ? mc.samples.drawn : '?'} draws`,
             subtitle: 'median (tick), 50% interval (bar), 90% interval (line); red diamond: the forecast at the point values' },
    data: { values: rows },
    vconcat: issues.map(panel),
    spacing: 14,
  };
}
