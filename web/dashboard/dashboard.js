/*
 * The editors' dashboard: asks the reports API (GET /v1/sites/{site}/reports/...) with the key the
 * editor types, and draws what comes back. The API is always this page's own origin: the local
 * runner serves both, and the deployed distribution sends the reports paths on to the reports
 * API. No address, parameter or storage can point the page, and the key, anywhere else. The key
 * stays in this page's memory only; the site is remembered in localStorage.
 */
(function () {
  'use strict';
  var charts = window.ReadpulseCharts;
  var NOW_REFRESH_MS = 15000;
  var RANGES = { '24h': null, '7d': 7, '30d': 30, '90d': 90 };
  var state = { site: '', key: '', range: '7d', sort: 'views', cursor: null, article: null, nowTimer: null };

  function $(id) { return document.getElementById(id); }

  function ApiError(status, error) {
    this.status = status;
    this.code = error && error.code;
    this.message = (error && error.message) || ('the reports API answered ' + status);
  }

  /** The range parameters of the chosen range: hours for the last day, UTC days otherwise. */
  function rangeParams() {
    var days = RANGES[state.range];
    if (!days) { return { granularity: 'hour' }; }
    var today = new Date();
    var from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
    return { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10), granularity: 'day' };
  }

  function apiUrl(path, params) {
    var query = Object.keys(params || {}).filter(function (k) { return params[k] !== null && params[k] !== undefined; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]); }).join('&');
    return '/v1/sites/' + encodeURIComponent(state.site) + '/reports/' + path + (query ? '?' + query : '');
  }

  function call(path, params, asCsv) {
    return fetch(apiUrl(path, params), {
      headers: { 'Authorization': 'Bearer ' + state.key, 'Accept': asCsv ? 'text/csv' : 'application/json' }
    }).catch(function () {
      throw new ApiError(0, { message: 'Could not reach the reports API at ' + window.location.origin + '.' });
    }).then(function (response) {
      if (response.ok) { return asCsv ? response : response.json(); }
      return response.json().catch(function () { return {}; }).then(function (body) { throw new ApiError(response.status, body.error); });
    });
  }

  function explain(error) {
    if (error.status === 401) { return 'The API key was not accepted: ' + error.message + '. Check the key, or ask an administrator for a new one.'; }
    if (error.status === 403) { return 'This key belongs to another site: ' + error.message + '.'; }
    if (error.status === 0) { return error.message; }
    return error.message + (error.code ? ' (' + error.code + ')' : '');
  }

  function showError(error) {
    var box = $('error');
    box.textContent = error instanceof ApiError ? explain(error) : 'Something went wrong: ' + error;
    box.hidden = false;
    $('status').textContent = '';
    if (error.status === 401 || error.status === 403 || error.status === 0) {
      $('reports').hidden = true;
      stopNow();
    }
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  function formatSeconds(seconds) {
    if (seconds < 60) { return seconds + ' s'; }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) { return minutes + ' min'; }
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function pointLabel(start) {
    return state.range === '24h' ? start.slice(11, 16) : start.slice(5, 10);
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  }

  function replaceChart(container, svg) {
    container.textContent = '';
    container.appendChild(svg);
  }

  // --- rendering ---------------------------------------------------------------------------

  function renderSite(report) {
    var totals = report.totals;
    $('total-views').textContent = charts.formatCount(totals.views);
    $('total-reads').textContent = charts.formatCount(totals.reads);
    $('total-visitors').textContent = charts.formatCount(totals.visitors);
    $('total-engaged').textContent = formatSeconds(totals.engagedSeconds);
    $('total-shares').textContent = charts.formatCount(totals.shares);
    replaceChart($('reads-chart'), charts.lineChart(report.series.map(function (point) {
      return { label: pointLabel(point.start), value: point.reads, title: point.start };
    }), { label: 'Reads over time' }));
  }

  function renderTop(report, append) {
    var body = $('top-list').querySelector('tbody');
    if (!append) { body.textContent = ''; }
    report.articles.forEach(function (article) {
      var row = document.createElement('tr');
      row.setAttribute('data-article-id', article.id);
      row.appendChild(text('td', article.rank, 'rank'));
      var title = document.createElement('td');
      title.className = 'title';
      var open = text('button', article.title || article.id);
      open.type = 'button';
      open.addEventListener('click', function () { openArticle(article.id); });
      title.appendChild(open);
      if (article.section) { title.appendChild(text('small', article.section)); }
      row.appendChild(title);
      row.appendChild(text('td', charts.formatCount(article.views), 'views'));
      row.appendChild(text('td', charts.formatCount(article.reads), 'reads'));
      row.appendChild(text('td', charts.formatCount(article.visitors), 'visitors'));
      row.appendChild(text('td', formatSeconds(article.engagedSeconds), 'engaged'));
      row.appendChild(text('td', charts.formatCount(article.shares), 'shares'));
      var trend = document.createElement('td');
      trend.className = 'trend';
      trend.appendChild(charts.sparkline(article.series, { label: report.seriesMetric + ' of ' + article.id }));
      row.appendChild(trend);
      body.appendChild(row);
    });
    state.cursor = report.nextCursor;
    $('top-more').hidden = !report.nextCursor;
  }

  function renderSections(report) {
    var body = $('sections-list').querySelector('tbody');
    body.textContent = '';
    report.sections.forEach(function (section) {
      var row = document.createElement('tr');
      row.setAttribute('data-section', section.section);
      row.appendChild(text('td', section.section));
      row.appendChild(text('td', charts.formatCount(section.views), 'views'));
      row.appendChild(text('td', charts.formatCount(section.reads), 'reads'));
      row.appendChild(text('td', charts.formatCount(section.visitors), 'visitors'));
      body.appendChild(row);
    });
  }

  function renderNow(report) {
    $('now-total').textContent = charts.formatCount(report.readers);
    var list = $('now-list');
    list.textContent = '';
    report.articles.forEach(function (article) {
      var item = document.createElement('li');
      item.setAttribute('data-article-id', article.id);
      item.appendChild(text('span', charts.formatCount(article.readers), 'readers'));
      item.appendChild(text('span', article.title || article.id, 'name'));
      list.appendChild(item);
    });
    var updated = $('now-updated');
    updated.dateTime = report.at;
    updated.textContent = new Date(report.at).toLocaleTimeString();
  }

  function bars(list, entries, empty) {
    list.textContent = '';
    var shown = entries.filter(function (entry) { return entry.value > 0; });
    if (shown.length === 0) {
      list.appendChild(text('li', empty, 'muted'));
      return;
    }
    var max = Math.max.apply(null, shown.map(function (entry) { return entry.value; }));
    shown.forEach(function (entry) {
      var item = document.createElement('li');
      item.setAttribute('data-name', entry.label);
      item.appendChild(text('span', entry.label, 'label'));
      var bar = text('span', '', 'bar');
      bar.style.width = (100 * entry.value / max).toFixed(1) + '%';
      item.appendChild(bar);
      item.appendChild(text('span', charts.formatCount(entry.value), 'value'));
      list.appendChild(item);
    });
  }

  function entriesOf(object) {
    return Object.keys(object).map(function (key) { return { label: key, value: object[key] }; })
      .sort(function (a, b) { return b.value - a.value; });
  }

  function renderArticle(report, referrers) {
    var article = report.article;
    $('article-title').textContent = article.title || article.id;
    var meta = [article.sectionName, article.publishedAt ? 'published ' + article.publishedAt.slice(0, 16).replace('T', ' ') + ' UTC' : null]
      .filter(Boolean).join(' · ');
    $('article-meta').textContent = meta;
    var totals = $('article-totals');
    totals.textContent = '';
    [['Views', report.totals.views], ['Reads', report.totals.reads], ['Visitors', report.totals.visitors],
      ['Engaged', formatSeconds(report.totals.engagedSeconds)], ['Shares', report.totals.shares]].forEach(function (pair) {
      var group = document.createElement('div');
      group.appendChild(text('dt', pair[0]));
      group.appendChild(text('dd', typeof pair[1] === 'number' ? charts.formatCount(pair[1]) : pair[1]));
      totals.appendChild(group);
    });
    replaceChart($('article-chart'), charts.lineChart(report.series.map(function (point) {
      return { label: pointLabel(point.start), value: point.reads, title: point.start };
    }), { label: 'Reads of the article over time' }));
    bars($('article-shares'), entriesOf(report.totals.sharesByNetwork), 'No shares in this range.');
    bars($('article-referrers'), entriesOf(referrers.classes), 'No referrers in this range.');
    bars($('article-hosts'), referrers.hosts.map(function (host) { return { label: host.host, value: host.views }; })
      .concat([{ label: 'other hosts', value: referrers.otherHosts }]), 'No referring hosts in this range.');
    $('article').hidden = false;
  }

  // --- loading -----------------------------------------------------------------------------

  function loadAll() {
    clearError();
    stopNow();
    $('status').textContent = 'Loading…';
    var range = rangeParams();
    return Promise.all([
      call('site', range),
      call('top', Object.assign({ sort: state.sort, limit: 20 }, range)),
      call('sections', range),
      call('now', {})
    ]).then(function (results) {
      renderSite(results[0]);
      renderTop(results[1], false);
      renderSections(results[2]);
      renderNow(results[3]);
      $('reports').hidden = false;
      $('status').textContent = '';
      state.nowTimer = window.setInterval(refreshNow, NOW_REFRESH_MS);
      if (state.article) { return openArticle(state.article); }
    }).catch(showError);
  }

  function refreshNow() {
    call('now', {}).then(renderNow).catch(showError);
  }

  function stopNow() {
    if (state.nowTimer) {
      window.clearInterval(state.nowTimer);
      state.nowTimer = null;
    }
  }

  function openArticle(id) {
    state.article = id;
    var range = rangeParams();
    return Promise.all([
      call('articles/' + encodeURIComponent(id), range),
      call('referrers', Object.assign({ article: id, limit: 10 }, range))
    ]).then(function (results) { renderArticle(results[0], results[1]); }).catch(showError);
  }

  function moreTop() {
    call('top', Object.assign({ sort: state.sort, limit: 20, cursor: state.cursor }, rangeParams()))
      .then(function (report) { renderTop(report, true); }).catch(showError);
  }

  function downloadCsv(path, params) {
    call(path, Object.assign({ format: 'csv' }, params), true).then(function (response) {
      var disposition = response.headers.get('content-disposition') || '';
      var match = /filename="([^"]+)"/.exec(disposition);
      return response.blob().then(function (blob) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(blob);
        link.download = match ? match[1] : 'report.csv';
        document.body.appendChild(link);
        link.click();
        link.remove();
        window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    }).catch(showError);
  }

  function csvParams(report) {
    var range = rangeParams();
    if (report === 'top') { return Object.assign({ sort: state.sort, limit: 100 }, range); }
    return report === 'now' ? {} : range;
  }

  function start() {
    var query = new URLSearchParams(window.location.search);
    // Earlier versions kept an API base URL here, which a link could set: forget it.
    localStorage.removeItem('readpulse.api');
    $('site').value = query.get('site') || localStorage.getItem('readpulse.site') || '';

    $('connect').addEventListener('submit', function (event) {
      event.preventDefault();
      state.site = $('site').value.trim();
      state.key = $('api-key').value.trim();
      state.range = $('range').value;
      state.sort = $('sort').value;
      localStorage.setItem('readpulse.site', state.site);
      loadAll();
    });
    $('top-more').addEventListener('click', moreTop);
    $('article-close').addEventListener('click', function () { state.article = null; $('article').hidden = true; });
    $('article-csv').addEventListener('click', function () { downloadCsv('articles/' + encodeURIComponent(state.article), rangeParams()); });
    Array.prototype.forEach.call(document.querySelectorAll('button.csv[data-report]'), function (button) {
      button.addEventListener('click', function () {
        downloadCsv(button.getAttribute('data-report'), csvParams(button.getAttribute('data-report')));
      });
    });
  }

  start();
})();
