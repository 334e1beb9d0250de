/*
 * The editors' dashboard: asks the reports API (GET /v1/sites/{site}/reports/...) and draws what
 * comes back. The API is always this page's own origin: the local runner serves both, and the
 * deployed distribution sends the reports paths on to the reports API. No address, parameter or
 * storage can point the page, or the key, anywhere else.
 *
 * How to read it (and add to it):
 *   - Credentials: an API key the editor types (remembered in localStorage until "Forget key"), or a
 *     share link's token from the address's fragment (#token=..., kept in sessionStorage for reloads
 *     of this tab, and removed from the address bar at once).
 *   - The address (?site=&range=&from=&to=&sort=) holds the view, so it can be bookmarked; never a key.
 *   - Each panel is one object in PANELS: request(view) asks the API, render(report) draws what came
 *     back (only for the latest load). To add a panel, add its <section> to index.html, write its
 *     object below, and list it in PANELS. Helpers for figures, change arrows (figure, changeBadge)
 *     and bar lists (bars) are shared.
 *   - Everything from the API (titles, sections, hosts) comes from readers' browsers: it is set as
 *     text, never as HTML, and links are only ever http(s).
 */
(function () {
  'use strict';
  var charts = window.ReadpulseCharts;
  var NOW_REFRESH_MS = 15000;
  var RANGES = { '24h': null, '7d': 7, '30d': 30, '90d': 90 };
  var KEY_STORAGE = 'readpulse.key';
  var LINK_STORAGE = 'readpulse.link';
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var REFERRER_NAMES = { search: 'Search engines', social: 'Social networks', internal: 'This site', direct: 'Direct or unknown', other: 'Other sites' };

  var state = {
    site: '', credential: null, range: '7d', from: '', to: '', sort: 'views', cursor: null, article: null,
    nowTimer: null, sectionNames: {}, redraw: {}, generation: 0
  };

  function $(id) { return document.getElementById(id); }

  // --- small helpers -------------------------------------------------------------------------

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value === null || value === undefined ? '' : String(value);
    if (className) { node.className = className; }
    return node;
  }

  /** The URL if it is an absolute http(s) address, else null: never a javascript: or data: link. */
  function safeUrl(url) {
    if (typeof url !== 'string') { return null; }
    try {
      var parsed = new URL(url);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
    } catch (notAUrl) {
      return null;
    }
  }

  function formatSeconds(seconds) {
    if (seconds === null || seconds === undefined) { return '–'; }
    if (seconds < 60) { return (Math.round(seconds * 10) / 10) + ' s'; }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) { return minutes + ' min ' + Math.round(seconds % 60) + ' s'; }
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function formatShare(share) {
    return share === null || share === undefined ? '–' : Math.round(share * 100) + '%';
  }

  /** "geopolitics-foreign-policy" → "Geopolitics foreign policy", where no article named the section. */
  function sectionName(slug) {
    if (state.sectionNames[slug]) { return state.sectionNames[slug]; }
    var words = String(slug).replace(/-/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function dayLabel(isoDay) {
    return Number(isoDay.slice(8, 10)) + ' ' + MONTHS[Number(isoDay.slice(5, 7)) - 1];
  }

  function pointLabel(start, hourly) {
    return hourly ? start.slice(11, 16) : dayLabel(start.slice(0, 10));
  }

  /**
   * The change against the previous period, as an arrow and a percentage in text (not colour alone);
   * the previous figure shows on hover and on keyboard focus. Null when the report has no comparison.
   */
  function changeBadge(current, previous, change, format) {
    if (previous === undefined || previous === null) { return null; }
    var show = format || charts.formatCount;
    var badge = document.createElement('span');
    var arrow, spoken, kind;
    if (change === null || change === undefined) {
      arrow = current > 0 ? 'new' : '–';
      kind = current > 0 ? 'up' : 'flat';
      spoken = current > 0 ? 'new: none in the previous period' : 'none in either period';
    } else if (change > 0) {
      arrow = '▲ ' + change.toFixed(1) + '%';
      kind = 'up';
      spoken = 'up ' + change.toFixed(1) + '%';
    } else if (change < 0) {
      arrow = '▼ ' + Math.abs(change).toFixed(1) + '%';
      kind = 'down';
      spoken = 'down ' + Math.abs(change).toFixed(1) + '%';
    } else {
      arrow = '= 0%';
      kind = 'flat';
      spoken = 'unchanged';
    }
    badge.className = 'change ' + kind;
    badge.tabIndex = 0;
    badge.setAttribute('data-change', change === null || change === undefined ? '' : String(change));
    badge.setAttribute('data-previous', String(previous));
    badge.setAttribute('data-tip', 'Previous period: ' + show(previous));
    badge.title = 'Previous period: ' + show(previous);
    badge.appendChild(text('span', arrow, 'arrow'));
    badge.appendChild(text('span', ' (' + spoken + '; previous period ' + show(previous) + ')', 'sr-only'));
    return badge;
  }

  /** One figure of a totals list: a label, the value, and its change where compared. */
  function figure(list, label, shown, id, comparison) {
    var group = document.createElement('div');
    group.appendChild(text('dt', label));
    var value = text('dd', '');
    var number = text('span', shown, 'value');
    if (id) { number.id = id; }
    value.appendChild(number);
    if (comparison) {
      var badge = changeBadge(comparison.current, comparison.previous, comparison.change, comparison.format);
      if (badge) { value.appendChild(badge); }
    }
    group.appendChild(value);
    list.appendChild(group);
  }

  function compared(totals, field, format) {
    if (!totals.previous) { return null; }
    return { current: totals[field], previous: totals.previous[field], change: totals.change[field], format: format };
  }

  /** A list of labelled bars; entries are {name, label, value}. */
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
      item.setAttribute('data-name', entry.name);
      item.appendChild(text('span', entry.label, 'label'));
      var bar = text('span', '', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      bar.style.width = (100 * entry.value / max).toFixed(1) + '%';
      item.appendChild(bar);
      item.appendChild(text('span', charts.formatCount(entry.value), 'value'));
      list.appendChild(item);
    });
  }

  function entriesOf(object, names) {
    return Object.keys(object).map(function (key) { return { name: key, label: (names && names[key]) || key, value: object[key] }; })
      .sort(function (a, b) { return b.value - a.value; });
  }

  /** An article's views per campaign, device or country, and the rest as "others". */
  function breakdownEntries(breakdown, labelOf) {
    return breakdown.values.map(function (value) { var label = labelOf(value); return { name: label, label: label, value: value.views }; })
      .concat([{ name: 'others', label: 'others', value: breakdown.other }]);
  }

  function hostEntries(referrers) {
    return referrers.hosts.map(function (host) { return { name: host.host, label: host.host, value: host.views }; })
      .concat([{ name: 'other hosts', label: 'other hosts', value: referrers.otherHosts }]);
  }

  /** A line chart drawn at its container's width, redrawn when the window is resized. */
  function drawChart(containerId, series, label) {
    var container = $(containerId);
    var hourly = series.length > 0 && series.length > 1 && series[1].start.slice(11, 13) !== series[0].start.slice(11, 13);
    var points = series.map(function (point) {
      return { label: pointLabel(point.start, hourly), value: point.reads, title: hourly ? point.start.slice(0, 16).replace('T', ' ') + ' UTC' : point.start.slice(0, 10) };
    });
    state.redraw[containerId] = function () {
      container.textContent = '';
      container.appendChild(charts.lineChart(points, { label: label, width: container.clientWidth }));
      container.appendChild(charts.dataTable(points, label, 'Reads'));
    };
    state.redraw[containerId]();
  }

  // --- the view: range, site and sort, kept in the address ------------------------------------

  function isoDay(date) { return date.toISOString().slice(0, 10); }

  /** The range parameters of the chosen range: hours for the last day, UTC days otherwise. */
  function rangeParams() {
    if (state.range === 'custom') {
      return { from: state.from, to: state.to, granularity: 'day' };
    }
    var days = RANGES[state.range];
    if (!days) { return { granularity: 'hour' }; }
    var today = new Date();
    var from = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - (days - 1)));
    return { from: isoDay(from), to: isoDay(today), granularity: 'day' };
  }

  function readViewFromAddress() {
    var query = new URLSearchParams(window.location.search);
    var range = query.get('range');
    if (range && (range in RANGES || range === 'custom')) { $('range').value = range; }
    if (/^\d{4}-\d{2}-\d{2}$/.test(query.get('from') || '')) { $('from').value = query.get('from'); }
    if (/^\d{4}-\d{2}-\d{2}$/.test(query.get('to') || '')) { $('to').value = query.get('to'); }
    var sort = query.get('sort');
    if (sort && $('sort').querySelector('option[value="' + sort.replace(/[^a-z]/g, '') + '"]')) { $('sort').value = sort; }
    showCustomDates();
    return query.get('site');
  }

  /** The view into the address, so it can be bookmarked. The key and the token never go there. */
  function writeViewToAddress() {
    var query = new URLSearchParams();
    query.set('site', state.site);
    query.set('range', state.range);
    if (state.range === 'custom') {
      query.set('from', state.from);
      query.set('to', state.to);
    }
    query.set('sort', state.sort);
    window.history.replaceState(null, '', window.location.pathname + '?' + query.toString());
  }

  function showCustomDates() {
    var custom = $('range').value === 'custom';
    $('from-field').hidden = !custom;
    $('to-field').hidden = !custom;
    if (custom && !$('from').value) {
      var today = new Date();
      $('to').value = isoDay(today);
      $('from').value = isoDay(new Date(today.getTime() - 6 * 86400000));
    }
  }

  function describeRange(report) {
    var range = report.range;
    var from = range.from.slice(0, 10), last = new Date(Date.parse(range.to) - 1).toISOString().slice(0, 10);
    var label = range.granularity === 'hour'
      ? 'From ' + range.from.slice(0, 16).replace('T', ' ') + ' to ' + range.to.slice(0, 16).replace('T', ' ') + ' UTC'
      : (from === last ? dayLabel(from) : dayLabel(from) + ' – ' + dayLabel(last)) + ' (UTC days)';
    if (report.compare) {
      var prevLast = new Date(Date.parse(report.compare.to) - 1).toISOString();
      label += range.granularity === 'hour'
        ? '; arrows compare with the 24 hours before'
        : '; arrows compare with ' + dayLabel(report.compare.from.slice(0, 10)) + ' – ' + dayLabel(prevLast.slice(0, 10));
    }
    return label;
  }

  /** True when per-day figures (visitors) cover more than the range, as they do for hours. */
  function visitorsCoverMore(range) {
    return range.wholeDays.from !== range.from || range.wholeDays.to !== range.to;
  }

  // --- the API -------------------------------------------------------------------------------

  function ApiError(status, error) {
    this.status = status;
    this.code = error && error.code;
    this.message = (error && error.message) || ('the reports API answered ' + status);
  }

  function apiUrl(path, params) {
    var query = Object.keys(params || {}).filter(function (k) { return params[k] !== null && params[k] !== undefined; })
      .map(function (k) { return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]); }).join('&');
    return '/v1/sites/' + encodeURIComponent(state.site) + '/reports/' + path + (query ? '?' + query : '');
  }

  function call(path, params, asCsv) {
    return fetch(apiUrl(path, params), {
      headers: { 'Authorization': 'Bearer ' + state.credential.value, 'Accept': asCsv ? 'text/csv' : 'application/json' }
    }).catch(function () {
      throw new ApiError(0, { message: 'Could not reach the reports API at ' + window.location.origin + '.' });
    }).then(function (response) {
      if (response.ok) { return asCsv ? response : response.json(); }
      return response.json().catch(function () { return {}; }).then(function (body) { throw new ApiError(response.status, body.error); });
    });
  }

  function explain(error) {
    var link = state.credential && state.credential.kind === 'link';
    if (error.code === 'link_expired') { return 'This share link has expired. Ask whoever sent it for a new one.'; }
    if (error.code === 'link_revoked') { return 'This share link was revoked. Ask whoever sent it for a new one.'; }
    if (link && error.status === 401) { return 'This share link is not valid (' + error.message + '). Check that it was copied whole, or ask for a new one.'; }
    if (link && error.status === 403) { return 'This share link is for another site: ' + error.message + '.'; }
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
      if (error.status !== 0 && state.credential && state.credential.kind === 'link') {
        sessionStorage.removeItem(LINK_STORAGE);
      } else if (error.status === 401) {
        // A remembered key that stopped working (revoked) is forgotten, so the form asks for a new one.
        localStorage.removeItem(KEY_STORAGE);
        $('key-remembered').hidden = true;
      }
    }
  }

  function clearError() {
    $('error').hidden = true;
    $('error').textContent = '';
  }

  // --- panels --------------------------------------------------------------------------------

  /** The site's totals with their changes, and its reads over time. */
  var overviewPanel = {
    request: function (view) { return call('site', Object.assign({ compare: 'previous' }, view.range)); },
    render: function (report) {
      var totals = report.totals;
      var list = $('site-totals');
      list.textContent = '';
      var wide = visitorsCoverMore(report.range);
      figure(list, 'Views', charts.formatCount(totals.views), 'total-views', compared(totals, 'views'));
      figure(list, 'Reads', charts.formatCount(totals.reads), 'total-reads', compared(totals, 'reads'));
      figure(list, wide ? 'Visitors (whole UTC days)' : 'Visitors', charts.formatCount(totals.visitors), 'total-visitors', compared(totals, 'visitors'));
      figure(list, 'Engaged time', formatSeconds(totals.engagedSeconds), 'total-engaged', compared(totals, 'engagedSeconds', formatSeconds));
      figure(list, 'Engaged per reader', formatSeconds(totals.engagedSecondsPerRead), 'engaged-per-reader');
      figure(list, 'Engaged share (at most)', formatShare(totals.engagedShare), 'engaged-share');
      figure(list, 'Shares', charts.formatCount(totals.shares), 'total-shares', compared(totals, 'shares'));
      var note = $('visitors-note');
      note.hidden = !wide;
      note.textContent = wide ? 'Visitors are counted per UTC day, so this figure covers the whole days from '
        + dayLabel(report.range.wholeDays.from.slice(0, 10)) + ' to '
        + dayLabel(new Date(Date.parse(report.range.wholeDays.to) - 1).toISOString().slice(0, 10))
        + ': more time than the other figures, so it can be larger than views.' : '';
      $('range-label').textContent = describeRange(report);
      drawChart('reads-chart', report.series, 'Reads over time');
    }
  };

  /** Top articles: a table that becomes cards on a phone. */
  var topPanel = {
    request: function (view) { return call('top', Object.assign({ sort: state.sort, limit: 20, compare: 'previous' }, view.range)); },
    more: function () {
      call('top', Object.assign({ sort: state.sort, limit: 20, cursor: state.cursor, compare: 'previous' }, rangeParams()))
        .then(function (report) { topPanel.render(report, true); }).catch(showError);
    },
    render: function (report, append) {
      var body = $('top-list').querySelector('tbody');
      if (!append) { body.textContent = ''; }
      var wide = visitorsCoverMore(report.range);
      $('top-list').querySelectorAll('thead th')[4].textContent = wide ? 'Visitors (whole days)' : 'Visitors';
      report.articles.forEach(function (article) {
        if (article.section && article.sectionName) { state.sectionNames[article.section] = article.sectionName; }
        body.appendChild(topPanel.row(article, report.seriesMetric, wide));
      });
      state.cursor = report.nextCursor;
      $('top-more').hidden = !report.nextCursor;
    },
    row: function (article, seriesMetric, wide) {
      var row = document.createElement('tr');
      row.setAttribute('data-article-id', article.id);
      row.appendChild(text('td', article.rank, 'rank'));
      var name = article.title || article.id;
      var title = document.createElement('td');
      title.className = 'title';
      var open = text('button', name);
      open.type = 'button';
      open.title = 'Details of this article';
      open.addEventListener('click', function () { openArticle(article.id); });
      title.appendChild(open);
      var url = safeUrl(article.url);
      var meta = document.createElement('small');
      if (article.sectionName || article.section) { meta.appendChild(text('span', article.sectionName || sectionName(article.section), 'section')); }
      if (url) {
        var link = text('a', 'Open article', 'article-link');
        link.href = url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        link.appendChild(text('span', ': ' + name, 'sr-only'));
        meta.appendChild(link);
      }
      title.appendChild(meta);
      row.appendChild(title);
      [['views', 'Views'], ['reads', 'Reads'], ['visitors', wide ? 'Visitors (whole days)' : 'Visitors']].forEach(function (pair) {
        row.appendChild(topPanel.cell(pair[0], pair[1], charts.formatCount(article[pair[0]]), compared(article, pair[0])));
      });
      row.appendChild(topPanel.cell('engaged', 'Engaged per reader', formatSeconds(article.engagedSecondsPerRead), null));
      row.appendChild(topPanel.cell('shares', 'Shares', charts.formatCount(article.shares), compared(article, 'shares')));
      var trend = document.createElement('td');
      trend.className = 'trend';
      trend.setAttribute('data-label', 'Trend');
      trend.appendChild(charts.sparkline(article.series, { label: seriesMetric + ' of ' + name + ' per step' }));
      row.appendChild(trend);
      return row;
    },
    cell: function (className, label, shown, comparison) {
      var cell = document.createElement('td');
      cell.className = className;
      cell.setAttribute('data-label', label);
      cell.appendChild(text('span', shown, 'value'));
      if (comparison) {
        var badge = changeBadge(comparison.current, comparison.previous, comparison.change, comparison.format);
        if (badge) { cell.appendChild(badge); }
      }
      return cell;
    }
  };

  var sectionsPanel = {
    request: function (view) { return call('sections', Object.assign({ compare: 'previous' }, view.range)); },
    render: function (report) {
      var body = $('sections-list').querySelector('tbody');
      body.textContent = '';
      report.sections.forEach(function (section) {
        var row = document.createElement('tr');
        row.setAttribute('data-section', section.section);
        row.appendChild(text('td', sectionName(section.section), 'name'));
        ['views', 'reads', 'visitors'].forEach(function (field) {
          row.appendChild(topPanel.cell(field, field.charAt(0).toUpperCase() + field.slice(1), charts.formatCount(section[field]), compared(section, field)));
        });
        body.appendChild(row);
      });
    }
  };

  var referrersPanel = {
    request: function (view) { return call('referrers', Object.assign({ limit: 10 }, view.range)); },
    render: function (report) {
      bars($('referrer-classes'), entriesOf(report.classes, REFERRER_NAMES), 'No referrers in this range.');
      bars($('referrer-hosts'), hostEntries(report), 'No referring sites in this range.');
    }
  };

  var nowPanel = {
    request: function () { return call('now', {}); },
    render: function (report) {
      $('now-total').textContent = charts.formatCount(report.readers);
      $('now-unit').textContent = (report.readers === 1 ? 'reader' : 'readers') + ' in the last 5 minutes';
      nowPanel.chart(report.minutes || []);
      var list = $('now-list');
      list.textContent = '';
      report.articles.forEach(function (article) {
        var item = document.createElement('li');
        item.setAttribute('data-article-id', article.id);
        item.appendChild(text('span', article.title || article.id, 'name'));
        item.appendChild(text('span', charts.formatCount(article.readers), 'readers'));
        list.appendChild(item);
      });
      var updated = $('now-updated');
      updated.dateTime = report.at;
      updated.textContent = new Date(report.at).toLocaleTimeString();
    },
    /** Readers per minute of the last 30 (UTC), the current minute last; views per minute in the table. */
    chart: function (minutes) {
      var container = $('now-chart');
      var points = minutes.map(function (minute) {
        var time = minute.start.slice(11, 16);
        return { label: time, value: minute.readers, views: minute.views, title: time + ' UTC' };
      });
      var label = 'Readers per minute, last 30 minutes';
      state.redraw['now-chart'] = function () {
        container.textContent = '';
        container.appendChild(charts.lineChart(points, { label: label, width: container.clientWidth, height: 160 }));
        container.appendChild(charts.dataTable(points, label, 'Readers', { name: 'Views', key: 'views' }));
      };
      state.redraw['now-chart']();
    }
  };

  /** A campaign as one line: its name, then where it ran (source · medium), whichever parts it has. */
  function campaignLabel(row) {
    var where = [row.source, row.medium].filter(Boolean).join(' · ');
    return row.campaign ? row.campaign + (where ? ' (' + where + ')' : '') : where;
  }

  /**
   * A list of names (authors, tags, campaigns) with views, reads and read-through, compared with the
   * previous period. The names come from pages and browsers: set as text only.
   */
  function namesPanel(report, nameOf) {
    return {
      request: function (view) { return call(report, Object.assign({ limit: 10, compare: 'previous' }, view.range)); },
      render: function (answer) {
        var body = $(report + '-list').querySelector('tbody');
        body.textContent = '';
        answer[report].forEach(function (row) {
          var line = document.createElement('tr');
          line.appendChild(text('td', nameOf(row), 'name'));
          line.appendChild(topPanel.cell('views', 'Views', charts.formatCount(row.views), compared(row, 'views')));
          line.appendChild(topPanel.cell('reads', 'Reads', charts.formatCount(row.reads), compared(row, 'reads')));
          line.appendChild(topPanel.cell('read-through', 'Read-through', formatShare(row.readThrough)));
          body.appendChild(line);
        });
        if (answer[report].length === 0) {
          var none = document.createElement('tr');
          var cell = text('td', 'None in this range.', 'muted');
          cell.colSpan = 4;
          none.appendChild(cell);
          body.appendChild(none);
        }
      }
    };
  }

  var authorsPanel = namesPanel('authors', function (row) { return row.author; });
  var tagsPanel = namesPanel('tags', function (row) { return row.tag; });
  var campaignsPanel = namesPanel('campaigns', campaignLabel);


  function formatRate(rate) {
    return rate === null || rate === undefined ? '–' : (Math.round(rate * 1000) / 10) + ' %';
  }

  /** The Trending box: what it was seen and clicked, what readers it sent read, and the experiment's arms. */
  var boxPanel = {
    request: function (view) { return call('recirculation', Object.assign({ limit: 10 }, view.range)); },
    render: function (report) {
      var list = $('box-totals');
      list.textContent = '';
      figure(list, 'Seen', charts.formatCount(report.impressions), 'box-impressions');
      figure(list, 'Clicks', charts.formatCount(report.clicks), 'box-clicks');
      figure(list, 'Click-through', formatRate(report.ctr), 'box-ctr');
      figure(list, 'Engaged per reader, from the box', formatSeconds(report.engagement.fromBox.engagedSecondsPerRead), 'box-engaged');
      figure(list, 'Engaged per reader, other views', formatSeconds(report.engagement.notFromBox.engagedSecondsPerRead), 'box-engaged-other');
      boxPanel.rows('box-lists', report.lists, function (row, entry) {
        row.setAttribute('data-list', entry.list);
        row.appendChild(text('td', entry.list === '~other' ? 'Other lists' : entry.list, 'name'));
        row.appendChild(text('td', charts.formatCount(entry.impressions), 'impressions'));
        row.appendChild(text('td', charts.formatCount(entry.clicks), 'clicks'));
        row.appendChild(text('td', formatRate(entry.ctr), 'ctr'));
      });
      bars($('box-articles'), report.articles.map(function (article) {
        return { name: article.id, label: article.title || article.id, value: article.clicks };
      }), 'No clicks in this range.');
      var arms = report.experiment.arms;
      boxPanel.rows('box-arms', arms, function (row, arm) {
        row.setAttribute('data-arm', arm.arm);
        row.appendChild(text('td', arm.arm, 'name'));
        row.appendChild(text('td', charts.formatCount(arm.impressions), 'impressions'));
        row.appendChild(text('td', formatRate(arm.ctr) + (arm.ci95 ? ' (' + formatRate(arm.ci95.low) + '–' + formatRate(arm.ci95.high) + ')' : ''), 'ctr'));
        row.appendChild(text('td', arm.impressionsStillNeeded === null ? '–' : charts.formatCount(arm.impressionsStillNeeded), 'needed'));
      });
      $('box-arms').hidden = arms.length === 0;
      $('box-verdict').textContent = boxPanel.verdict(arms);
    },
    rows: function (tableId, entries, fill) {
      var body = $(tableId).querySelector('tbody');
      body.textContent = '';
      entries.forEach(function (entry) {
        var row = document.createElement('tr');
        fill(row, entry);
        body.appendChild(row);
      });
    },
    verdict: function (arms) {
      if (arms.length < 2) { return 'No experiment in this range: give the box data-experiment to compare lists.'; }
      var leader = arms[0], runnerUp = arms[1];
      if (runnerUp.pValue === null) { return 'Not enough impressions yet to compare the arms.'; }
      var told = runnerUp.pValue < 0.05 ? ' earns more clicks than ' : ' is ahead of ';
      return leader.arm + told + runnerUp.arm + ' (p = ' + runnerUp.pValue + ')'
        + (runnerUp.pValue < 0.05 ? '.' : ', not yet beyond chance.');
    }
  };

  /** The panels every load fills, in order. Add a new panel here. */
  var PANELS = [overviewPanel, topPanel, sectionsPanel, referrersPanel, nowPanel, authorsPanel, tagsPanel, campaignsPanel, boxPanel];

  // --- one article ---------------------------------------------------------------------------

  function renderArticle(report, referrers) {
    var article = report.article;
    var heading = $('article-title');
    heading.textContent = '';
    var url = safeUrl(article.url);
    if (url) {
      var link = text('a', article.title || article.id);
      link.href = url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      heading.appendChild(link);
    } else {
      heading.textContent = article.title || article.id;
    }
    var meta = [article.sectionName, article.publishedAt ? 'published ' + article.publishedAt.slice(0, 16).replace('T', ' ') + ' UTC' : null]
      .filter(Boolean).join(' · ');
    $('article-meta').textContent = meta;
    var totals = report.totals;
    var list = $('article-totals');
    list.textContent = '';
    figure(list, 'Views', charts.formatCount(totals.views), null, compared(totals, 'views'));
    figure(list, 'Reads', charts.formatCount(totals.reads), null, compared(totals, 'reads'));
    figure(list, visitorsCoverMore(report.range) ? 'Visitors (whole UTC days)' : 'Visitors', charts.formatCount(totals.visitors), null, compared(totals, 'visitors'));
    figure(list, 'Engaged per reader', formatSeconds(totals.engagedSecondsPerRead), null);
    figure(list, 'Read-through', formatShare(totals.readThrough), 'article-read-through');
    figure(list, 'Engaged share (at most)', formatShare(totals.engagedShare), null);
    figure(list, 'Shares', charts.formatCount(totals.shares), null, compared(totals, 'shares'));
    var names = [article.authors && article.authors.length ? 'By ' + article.authors.join(', ') : null,
      article.tags && article.tags.length ? 'Tags: ' + article.tags.join(', ') : null].filter(Boolean).join(' · ');
    $('article-names').textContent = names;
    var breakdowns = report.breakdowns;
    bars($('article-campaigns'), breakdownEntries(breakdowns.campaigns, campaignLabel), 'No campaigns in this range.');
    bars($('article-devices'), breakdownEntries(breakdowns.devices, function (value) { return value.device; }), 'No views in this range.');
    bars($('article-countries'), breakdownEntries(breakdowns.countries, function (value) { return value.country; }), 'No views in this range.');
    $('article').hidden = false;
    drawChart('article-chart', report.series, 'Reads of the article over time');
    bars($('article-shares'), entriesOf(totals.sharesByNetwork), 'No shares in this range.');
    bars($('article-referrers'), entriesOf(referrers.classes, REFERRER_NAMES), 'No referrers in this range.');
    bars($('article-hosts'), hostEntries(referrers), 'No referring hosts in this range.');
    // Bring it into view, and move the keyboard there.
    $('article').focus({ preventScroll: true });
    $('article').scrollIntoView({ block: 'start' });
  }

  function openArticle(id) {
    state.article = id;
    var range = rangeParams();
    return Promise.all([
      call('articles/' + encodeURIComponent(id), Object.assign({ compare: 'previous' }, range)),
      call('referrers', Object.assign({ article: id, limit: 10 }, range))
    ]).then(function (results) { renderArticle(results[0], results[1]); }).catch(showError);
  }

  // --- loading -------------------------------------------------------------------------------

  /** Loads every panel. A load started later wins: answers to an earlier one are dropped. */
  function loadAll() {
    clearError();
    stopNow();
    $('status').textContent = 'Loading…';
    var generation = ++state.generation;
    var view = { range: rangeParams() };
    var stale = function () { return generation !== state.generation; };
    return Promise.all(PANELS.map(function (panel) { return panel.request(view); })).then(function (reports) {
      if (stale()) { return; }
      PANELS.forEach(function (panel, i) { panel.render(reports[i]); });
      $('reports').hidden = false;
      Object.keys(state.redraw).forEach(function (id) { state.redraw[id](); });
      $('status').textContent = '';
      rememberCredential();
      state.nowTimer = window.setInterval(function () { nowPanel.request().then(nowPanel.render).catch(showError); }, NOW_REFRESH_MS);
      if (state.article) { return openArticle(state.article); }
    }).catch(function (error) {
      if (!stale()) { showError(error); }
    });
  }

  function stopNow() {
    if (state.nowTimer) {
      window.clearInterval(state.nowTimer);
      state.nowTimer = null;
    }
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
    if (report === 'top') { return Object.assign({ sort: state.sort, limit: 100, compare: 'previous' }, range); }
    if (report === 'site' || report === 'sections') { return Object.assign({ compare: 'previous' }, range); }
    if (report === 'referrers') { return Object.assign({ limit: 100 }, range); }
    if (report === 'authors' || report === 'tags' || report === 'campaigns') { return Object.assign({ limit: 100, compare: 'previous' }, range); }
    return {};
  }

  // --- credentials: a typed key (remembered) or a share link's token ---------------------------

  /**
   * A key is kept in localStorage once the API has accepted it, so the next visit opens at once,
   * until "Forget key". The page's policy lets no script but its own run, and no request leave
   * for another origin, so a stored key can be read only by this page.
   */
  function rememberCredential() {
    if (state.credential.kind === 'key') {
      localStorage.setItem(KEY_STORAGE, JSON.stringify({ site: state.site, key: state.credential.value }));
      showRemembered('Key for ' + state.site + ' remembered in this browser.');
    }
  }

  function showRemembered(message) {
    $('key-remembered-text').textContent = message;
    $('key-remembered').hidden = false;
  }

  function forgetCredential() {
    localStorage.removeItem(KEY_STORAGE);
    sessionStorage.removeItem(LINK_STORAGE);
    state.credential = null;
    $('api-key').value = '';
    $('key-remembered').hidden = true;
    $('key-field').hidden = false;
    $('reports').hidden = true;
    stopNow();
    $('status').textContent = 'Key forgotten. Type a key to see the reports again.';
    $('api-key').focus();
  }

  /** A share link's token from the address's fragment, taken out of the address at once. */
  function tokenFromFragment() {
    var match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (!match) { return null; }
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return decodeURIComponent(match[1]);
  }

  function useLink(token) {
    var parts = token.split('.');
    state.credential = { kind: 'link', value: token };
    sessionStorage.setItem(LINK_STORAGE, token);
    if (parts.length === 5 && parts[0] === 'rps') {
      $('site').value = parts[1];
      var until = new Date(Number(parts[3]) * 1000);
      $('key-field').hidden = true;
      showRemembered('Opened from a read-only share link, valid until ' + until.toISOString().slice(0, 16).replace('T', ' ') + ' UTC.');
      $('forget-key').textContent = 'Forget link';
    }
  }

  function submit() {
    state.site = $('site').value.trim();
    state.range = $('range').value;
    state.sort = $('sort').value;
    state.from = $('from').value;
    state.to = $('to').value;
    state.article = null;
    $('article').hidden = true;
    if (state.range === 'custom' && (!state.from || !state.to || state.from > state.to)) {
      showError(new ApiError(400, { message: 'Choose a From date on or before the To date', code: 'range' }));
      return;
    }
    var typed = $('api-key').value.trim();
    if (typed) {
      state.credential = { kind: 'key', value: typed };
    }
    if (!state.credential) {
      showError(new ApiError(400, { message: 'Type the site\'s API key, or open a share link', code: 'missing_key' }));
      return;
    }
    localStorage.setItem('readpulse.site', state.site);
    writeViewToAddress();
    loadAll();
  }

  function start() {
    // Earlier versions kept an API base URL here, which a link could set: forget it.
    localStorage.removeItem('readpulse.api');
    var siteInAddress = readViewFromAddress();
    $('site').value = siteInAddress || localStorage.getItem('readpulse.site') || '';

    $('connect').addEventListener('submit', function (event) {
      event.preventDefault();
      submit();
    });
    $('range').addEventListener('change', showCustomDates);
    $('forget-key').addEventListener('click', forgetCredential);
    $('top-more').addEventListener('click', topPanel.more);
    $('article-close').addEventListener('click', function () { state.article = null; $('article').hidden = true; });
    $('article-csv').addEventListener('click', function () {
      downloadCsv('articles/' + encodeURIComponent(state.article), Object.assign({ compare: 'previous' }, rangeParams()));
    });
    Array.prototype.forEach.call(document.querySelectorAll('button.csv[data-report]'), function (button) {
      button.addEventListener('click', function () {
        downloadCsv(button.getAttribute('data-report'), csvParams(button.getAttribute('data-report')));
      });
    });
    var resizing = null;
    window.addEventListener('resize', function () {
      window.clearTimeout(resizing);
      resizing = window.setTimeout(function () { Object.keys(state.redraw).forEach(function (id) { state.redraw[id](); }); }, 150);
    });

    var token = tokenFromFragment() || sessionStorage.getItem(LINK_STORAGE);
    if (token) {
      useLink(token);
      submit();
      return;
    }
    var remembered = null;
    try {
      remembered = JSON.parse(localStorage.getItem(KEY_STORAGE) || 'null');
    } catch (unreadable) {
      localStorage.removeItem(KEY_STORAGE);
    }
    if (remembered && remembered.key && (!siteInAddress || siteInAddress === remembered.site)) {
      $('site').value = remembered.site;
      state.credential = { kind: 'key', value: remembered.key };
      showRemembered('Key for ' + remembered.site + ' remembered in this browser.');
      submit();
    }
  }

  start();
})();
