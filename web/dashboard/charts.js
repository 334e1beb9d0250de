/*
 * Plain SVG charts for the dashboard: a line chart with axes and a sparkline. No library, no
 * network: each function builds SVG elements and returns them. Values are counts (>= 0).
 */
(function (global) {
  'use strict';
  var SVG = 'http://www.w3.org/2000/svg';

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

  /**
   * A line chart of points [{label, value, title}] with a y axis and a few x labels. The SVG carries
   * data-values (comma-separated) so tests and tools can read what it plots.
   */
  function lineChart(points, options) {
    options = options || {};
    var width = options.width || 720, height = options.height || 220;
    var left = 44, right = 12, top = 12, bottom = 28;
    var plotWidth = width - left - right, plotHeight = height - top - bottom;
    var max = niceMax(Math.max.apply(null, points.map(function (p) { return p.value; }).concat([0])));
    var svg = el('svg', {
      viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': options.label || 'chart',
      'data-values': points.map(function (p) { return p.value; }).join(',')
    });
    var x = function (i) { return left + (points.length < 2 ? plotWidth / 2 : i * plotWidth / (points.length - 1)); };
    var y = function (v) { return top + plotHeight - (v / max) * plotHeight; };

    var axis = el('g', { 'class': 'axis' });
    for (var t = 0; t <= 4; t++) {
      var value = max * t / 4, ty = y(value);
      axis.appendChild(el('line', { 'class': 'grid', x1: left, x2: width - right, y1: ty, y2: ty }));
      axis.appendChild(el('text', { x: left - 6, y: ty + 4, 'text-anchor': 'end' }, formatCount(Math.round(value))));
    }
    var labelEvery = Math.max(1, Math.ceil(points.length / 8));
    points.forEach(function (p, i) {
      if (i % labelEvery === 0 || i === points.length - 1) {
        axis.appendChild(el('text', { x: x(i), y: height - 8, 'text-anchor': 'middle' }, p.label));
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

  /** A small trend line of values, for a table cell. */
  function sparkline(values, options) {
    options = options || {};
    var width = options.width || 96, height = options.height || 24;
    var max = Math.max.apply(null, values.concat([1]));
    var svg = el('svg', { 'class': 'spark', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': options.label || 'trend', 'data-values': values.join(',') });
    if (values.length === 0) { return svg; }
    var step = values.length < 2 ? 0 : (width - 2) / (values.length - 1);
    var points = values.map(function (v, i) { return [1 + i * step, height - 1 - (v / max) * (height - 2)]; });
    var line = points.map(function (p, i) { return (i ? 'L' : 'M') + p[0].toFixed(1) + ' ' + p[1].toFixed(1); }).join(' ');
    svg.appendChild(el('path', { 'class': 'area', d: line + ' L' + points[points.length - 1][0].toFixed(1) + ' ' + (height - 1) + ' L1 ' + (height - 1) + ' Z' }));
    svg.appendChild(el('path', { 'class': 'line', d: line }));
    return svg;
  }

  global.ReadpulseCharts = { lineChart: lineChart, sparkline: sparkline, formatCount: formatCount };
})(window);
