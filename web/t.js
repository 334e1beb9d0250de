/* Readpulse tracking script: a view on load, engaged time while the reader is active, share clicks.
   No cookies or storage; off under Do-Not-Track or Global Privacy Control; never throws into the page.
   <script src="https://HOST/t.js" data-site="SITE" async></script>  (data-api, data-ping: see README) */
(function (w, d, n) {
  try {
    var me = d.currentScript, cfg = me && me.dataset;
    if (!cfg || !cfg.site || n.doNotTrack == '1' || w.doNotTrack == '1' || n.globalPrivacyControl) return;
    var api = (cfg.api || new URL(me.src).origin).replace(/\/+$/, '') + '/v1/events';
    var every = +cfg.ping || 15; // seconds of engaged time per ping
    var MAX_PINGS = 40, IDLE_MS = 30000;
    var art, from = d.referrer, pings, engaged, lastInput, lastTick, where;

    var attr = function (selector, name) {
      var el = d.querySelector(selector);
      return (el && el.getAttribute(name || 'content')) || '';
    };
    var abs = function (url) { return url && new URL(url, location.href).href; };
    // Each event gets an id and its time, so a request sent twice is counted once.
    var id = function () {
      var bytes = new Uint8Array(16);
      w.crypto.getRandomValues(bytes);
      return btoa(String.fromCharCode.apply(null, bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    };
    var send = function (event) {
      try {
        event.site = cfg.site;
        if (w.crypto && w.crypto.getRandomValues) { event.id = id(); event.ts = Date.now(); }
        var body = JSON.stringify(event);
        if (!(n.sendBeacon && n.sendBeacon(api, new Blob([body], { type: 'text/plain' }))) && w.fetch) {
          fetch(api, { method: 'POST', body: body, keepalive: true, credentials: 'omit',
            headers: { 'content-type': 'text/plain' } }).catch(function () {});
        }
      } catch (e) { /* the API is best effort: the page must not notice */ }
    };
    // The article's metadata: data- attributes on [data-article-id] first, then canonical, og: and article: tags.
    var read = function () {
      var el = d.querySelector('[data-article-id]'), a = (el && el.dataset) || {};
      var url = abs(attr('link[rel=canonical]', 'href') || attr('meta[property="og:url"]') || location.href.split(/[?#]/)[0]);
      var id = (a.articleId || url.replace(/\/+$/, '').split('/').pop().replace(/\.html?$/, ''))
        .replace(/[^\w.~-]/g, '-').replace(/^[^a-z0-9]+/i, '').slice(0, 128);
      var published = Date.parse(a.published || attr('meta[property="article:published_time"]'));
      var title = a.title || attr('meta[property="og:title"]') || d.title;
      var section = a.section || attr('meta[property="article:section"]');
      if (!id || !title || !section || !published) return null; // not an article page
      return { id: id, url: url, title: title.slice(0, 300), section: section.slice(0, 64),
        publishedAt: new Date(published).toISOString(), image: abs(a.image || attr('meta[property="og:image"]')) || undefined };
    };
    var flush = function () {
      var seconds = Math.min(300, Math.floor(engaged));
      if (art && seconds && pings < MAX_PINGS) {
        pings++;
        send({ type: 'engage', seconds: seconds, article: { id: art.id, url: art.url, section: art.section } });
      }
      engaged -= seconds;
    };
    var view = function () {
      flush();
      where = location.pathname + location.search;
      var next = read();
      if (next && art && next.id == art.id) return;
      art = next;
      pings = engaged = 0;
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
        if (art && d.visibilityState == 'visible' && now - lastInput < IDLE_MS) {
          engaged += Math.min(now - lastTick, 2000) / 1000;
          if (engaged >= every) flush();
        }
        lastTick = now;
      } catch (e) { /* never into the page */ }
    }, 1000);
    ['scroll', 'mousemove', 'keydown', 'touchstart', 'pointerdown'].forEach(function (type) {
      w.addEventListener(type, function () { lastInput = Date.now(); }, { passive: true, capture: true });
    });
    d.addEventListener('visibilitychange', function () { if (d.visibilityState == 'hidden') flush(); });
    w.addEventListener('pagehide', flush);
    d.addEventListener('click', function (e) {
      try {
        var share = e.target.closest && e.target.closest('[data-share]');
        if (share && art) send({ type: 'share', network: share.getAttribute('data-share'), article: { id: art.id, url: art.url, section: art.section } });
      } catch (x) { /* never into the page */ }
    }, true);
    // Single-page apps: a pushState or back/forward to another article is another view.
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
