/* Readpulse's tracking script: see docs/api.md. */
(function (w, d, n) {
  try {
    var me = d.currentScript, cfg = me && me.dataset;
    if (!cfg || !cfg.site || n.doNotTrack == '1' || w.doNotTrack == '1' || n.globalPrivacyControl) return;
    var api = (cfg.api || new URL(me.src).origin).replace(/\/+$/, '') + '/v1/events';
    var every = +cfg.ping || 15;
    var art, from = d.referrer, pings, engaged, lastInput, lastTick, where, depth, sent, utm = {};
    new URLSearchParams(location.search).forEach(function (v, k) { if (/^utm_(source|medium|campaign)$/.test(k)) utm[k] = v.slice(0, 200); });
    // #rp: opened from the Trending box (docs/api.md).
    var box = location.hash == '#rp' ? 'box' : void 0;
    if (box) history.replaceState(history.state, '', location.href.slice(0, -3));

    var attr = function (selector, name) {
      var el = d.querySelector(selector);
      return (el && el.getAttribute(name || 'content')) || '';
    };
    var abs = function (url) { return url && new URL(url, location.href).href; };
    // A data- comma list, else metas, else the first JSON-LD object with it.
    var names = function (max, data, query, key) {
      var found = data || [].map.call(d.querySelectorAll(query), function (m) { return m.content; });
      var walk = function (o) { if (o && !found) o.map ? o.forEach(walk) : o[key] ? found = o[key] : walk(o['@graph']); };
      if (!found.length) {
        found = 0;
        [].forEach.call(d.querySelectorAll('script[type*=ld]'), function (s) {
          try { walk(JSON.parse(s.textContent)); } catch (e) { /* never into the page */ }
        });
      }
      return [].concat(found && found.split ? found.split(',') : found || []).map(function (x) {
        x = x && x.name || x || '';
        return x.trim ? x.trim().slice(0, 100) : '';
      }).filter(String).slice(0, max);
    };
    var send = function (event) {
      try {
        Object.assign(event, utm).site = cfg.site;
        event.via = box;
        event.id = btoa(String.fromCharCode.apply(null, crypto.getRandomValues(new Uint8Array(15)))).replace(/\W/g, '_');
        event.ts = Date.now();
        var body = JSON.stringify(event);
        if (!(n.sendBeacon && n.sendBeacon(api, body))) {
          fetch(api, { method: 'POST', body: body, keepalive: true, credentials: 'omit' }).catch(function () {});
        }
      } catch (e) { /* never into the page */ }
    };
    var read = function () {
      var el = d.querySelector('[data-article-id]'), a = (el && el.dataset) || {};
      var url = abs(attr('link[rel=canonical]', 'href') || attr('meta[property="og:url"]') || location.href.split(/[?#]/)[0])
        .replace(/([?&])(utm_[^&#]*&?)+/g, '$1').replace(/[?&](#|$)/, '$1');
      var id = (a.articleId || url.replace(/\/+$/, '').split('/').pop().replace(/\.html?$/, ''))
        .replace(/[^\w.~-]/g, '-').replace(/^[^a-z0-9]+/i, '').slice(0, 128);
      var published = Date.parse(a.published || attr('meta[property="article:published_time"]'));
      var title = a.title || attr('meta[property="og:title"]') || d.title;
      var section = a.section || attr('meta[property="article:section"]');
      if (!id || !title || !section || !published) return null; // not an article page
      return { id: id, url: url, title: title.slice(0, 300), section: section.slice(0, 64),
        publishedAt: new Date(published).toISOString(),
        authors: names(10, a.authors || cfg.authors, 'meta[name=author],[property="article:author"]:not([content^=http])', 'author'),
        tags: names(20, a.tags || cfg.tags, '[property="article:tag"]', 'keywords') };
    };
    var measure = function () {
      var r = (d.querySelector('[data-article-id],article') || d.body).getBoundingClientRect();
      depth = Math.max(depth, Math.min(4, (innerHeight - r.top) * 4 / r.height | 0) * 25);
    };
    var ref = function (e) { e.article = { id: art.id, url: art.url, section: art.section }; send(e); };
    var flush = function () {
      var seconds = Math.min(300, Math.floor(engaged)), e = { type: 'engage', seconds: seconds };
      if (art && seconds && pings < 40) {
        pings++;
        measure();
        if (depth > sent) e.depth = depth, e.depthFrom = sent, sent = depth;
        ref(e);
      }
      engaged -= seconds;
    };
    var view = function () {
      flush();
      where = location.pathname + location.search;
      var next = read();
      if (next && art && next.id == art.id) return;
      if (art) utm = {}, box = void 0;
      art = next;
      pings = engaged = depth = sent = 0;
      lastInput = lastTick = Date.now();
      if (art) send({ type: 'view', article: art, referrer: from });
      from = location.href;
    };
    var onNavigation = function () {
      setTimeout(function () {
        try { if (location.pathname + location.search != where) view(); } catch (e) { /* never into the page */ }
      }, 100);
    };

    setInterval(function () {
      try {
        var now = Date.now();
        if (art && !d.hidden && now - lastInput < 3e4) {
          measure();
          engaged += Math.min(now - lastTick, 2000) / 1000;
          if (engaged >= every) flush();
        }
        lastTick = now;
      } catch (e) { /* never into the page */ }
    }, 1000);
    'scroll mousemove keydown pointerdown'.split(' ').forEach(function (type) {
      w.addEventListener(type, function () { lastInput = Date.now(); }, { passive: true, capture: true });
    });
    d.addEventListener('visibilitychange', function () { if (d.hidden) flush(); });
    w.addEventListener('pagehide', flush);
    d.addEventListener('click', function (e) {
      try {
        var share = e.target.closest && e.target.closest('[data-share]');
        if (share && art) ref({ type: 'share', network: share.getAttribute('data-share') });
      } catch (x) { /* never into the page */ }
    }, true);
    // Single-page apps: another article is another view.
    var push = history.pushState;
    history.pushState = function () {
      var result = push.apply(this, arguments);
      onNavigation();
      return result;
    };
    w.addEventListener('popstate', onNavigation);
    view();
  } catch (e) { /* never into the page */ }
})(window, document, navigator);
