/*
 * Plain SVG charts for the dashboard: a line chart with axes, a sparkline, and a table that says in
 * text what a chart draws. No library, no network: each function builds elements and returns them.
 * Values are counts (>= 0).
 *
 * A line chart is drawn at its container's width in pixels (the viewBox is that width), so its
 * 11 px labels are 11 px in every panel, wide or narrow; the dashboard redraws on resize.
 */
(function (global) {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';
  var FONT_PX = 11;

  function el(name, attributes, text) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  /** A round upper bound for the axis: 1, 2, 5 times a power of ten. */
  function niceMax(value) {
    if (value <= 0) { return 1; }
    var power = Math.pow(10, Math.floor(Math.log10(value)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (value <= steps[i] * power) { return steps[i] * power; }
    }
    return 10 * power;
  }

  function formatCount(value) {
    return Number(value).toLocaleString('en');
  }

  /** Roughly how wide a label is at FONT_PX, for spacing labels so they never overlap or leave the SVG. */
  function textWidth(text) {
    return String(text).length * FONT_PX * 0.62;
  }

  /**
   * A line chart of points [{label, value, title}] with a y axis and as many x labels as fit. The SVG
   * carries data-values (comma-separated) so tests and tools can read what it plots, and an
   * aria-label naming the figures; options.width is the width to draw at (the container's).
   */
  function lineChart(points, options) {
    options = options || {};
    var width = Math.max(240, Math.round(options.width || 720)), height = options.height || 220;
    var max = niceMax(Math.max.apply(null, points.map(function (p) { return p.value; }).concat([0])));
    var left = Math.ceil(textWidth(formatCount(max))) + 10, right = 8, top = 12, bottom = 28;
    var plotWidth = width - left - right, plotHeight = height - top - bottom;
    var svg = el('svg', {
      viewBox: '0 0 ' + width + ' ' + height, width: width, height: height, role: 'img',
      'aria-label': (options.label || 'chart') + ': ' + points.map(function (p) { return (p.title || p.label) + ' ' + formatCount(p.value); }).join(', '),
      'data-values': points.map(function (p) { return p.value; }).join(',')
    });
    var x = function (i) { return left + (points.length < 2 ? plotWidth / 2 : i * plotWidth / (points.length - 1)); };
    var y = function (v) { return top + plotHeight - (v / max) * plotHeight; };

    var axis = el('g', { 'class': 'axis', 'aria-hidden': 'true' });
    // Whole-number ticks: 1 or 2 steps up to 2, then 4 or 5, whichever divides the maximum.
    var ticks = max <= 2 ? max : (max % 4 === 0 ? 4 : 5);
    for (var t = 0; t <= ticks; t++) {
      var value = max * t / ticks, ty = y(value);
      axis.appendChild(el('line', { 'class': 'grid', x1: left, x2: width - right, y1: ty, y2: ty }));
      axis.appendChild(el('text', { x: left - 6, y: ty + 4, 'text-anchor': 'end' }, formatCount(Math.round(value))));
    }
    // As many x labels as fit side by side; the first is anchored at its start and the last at its
    // end, so neither is cut off at the SVG's edge.
    var widest = points.reduce(function (w, p) { return Math.max(w, textWidth(p.label)); }, 0) + 12;
    var fit = Math.max(1, Math.floor(plotWidth / widest));
    var labelEvery = Math.max(1, Math.ceil(points.length / fit));
    points.forEach(function (p, i) {
      var last = i === points.length - 1;
      var tooCloseToLast = !last && (points.length - 1 - i) < labelEvery;
      if ((i % labelEvery === 0 && !tooCloseToLast) || last) {
        var anchor = points.length > 1 && i === 0 ? 'start' : last && points.length > 1 ? 'end' : 'middle';
        var lx = anchor === 'start' ? Math.max(0, x(i) - 4) : anchor === 'end' ? Math.min(width, x(i) + 4) : x(i);
        axis.appendChild(el('text', { x: lx, y: height - 8, 'text-anchor': anchor }, p.label));
      }
    });
    svg.appendChild(axis);
    if (points.length === 0) { return svg; }

    var path = points.map(function (p, i) { return (i ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(p.value).toFixed(1); }).join(' ');
    var area = path + ' L' + x(points.length - 1).toFixed(1) + ' ' + y(0) + ' L' + x(0).toFixed(1) + ' ' + y(0) + ' Z';
    svg.appendChild(el('path', { 'class': 'area', d: area }));
    svg.appendChild(el('path', { 'class': 'line', d: path }));
    points.forEach(function (p, i) {
      var dot = el('circle', { 'class': 'point', cx: x(i), cy: y(p.value), r: 3, 'data-value': p.value });
      dot.appendChild(el('title', {}, (p.title || p.label) + ': ' + formatCount(p.value)));
      svg.appendChild(dot);
    });
    return svg;
  }

  /**
   * The figures of a chart as a table that screen readers read and the page does not show;
   * extra ({name, key}) adds a column of each point's p[key].
   */
  function dataTable(points, caption, valueName, extra) {
    var table = document.createElement('table');
    table.className = 'sr-only chart-data';
    var cap = document.createElement('caption');
    cap.textContent = caption;
    table.appendChild(cap);
    var head = table.createTHead().insertRow();
    ['Time', valueName].concat(extra ? [extra.name] : []).forEach(function (name) {
      var th = document.createElement('th');
      th.scope = 'col';
      th.textContent = name;
      head.appendChild(th);
    });
    var body = table.createTBody();
    points.forEach(function (p) {
      var row = body.insertRow();
      row.insertCell().textContent = p.title || p.label;
      row.insertCell().textContent = formatCount(p.value);
      if (extra) { row.insertCell().textContent = formatCount(p[extra.key]); }
    });
    return table;
  }

  /** A small trend line of values, for a table cell; its aria-label lists the values. */
  function sparkline(values, options) {
    options = options || {};
    var width = options.width || 96, height = options.height || 24;
    var max = Math.max.apply(null, values.concat([1]));
    var svg = el('svg', { 'class': 'spark', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': (options.label || 'trend') + ': ' + values.join(', '), 'data-values': values.join(',') });
    if (values.length === 0) { return svg; }
    var step = values.length < 2 ? 0 : (width - 2) / (values.length - 1);
    var points = values.map(function (v, i) { return [1 + i * step, height - 1 - (v / max) * (height - 2)]; });
    var line = points.map(function (p, i) { return (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1); }).join(' ');
    svg.appendChild(el('path', { 'class': 'area', d: line + ' L' + points[points.length - 1][0].toFixed(1) + ' ' + (height - 1) + ' L1 ' + (height - 1) + ' Z' }));
    svg.appendChild(el('path', { 'class': 'line', d: line }));
    return svg;
  }

  global.ReadpulseCharts = { lineChart: lineChart, sparkline: sparkline, dataTable: dataTable, formatCount: formatCount };
})(window);
