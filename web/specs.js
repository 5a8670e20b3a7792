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
