/* Readpulse Trending widget: a site's Trending list as plain links. No dependencies; never throws into the page.
   One tag:   <script src="https://HOST/widget.js" data-site="SITE" async></script>  renders after itself;
   or a box:  <div data-readpulse-trending data-site="SITE"></div>  (any number) and the script tag without data-site.
   data-section (a section slug), data-mode (top|rising|fresh), data-window (1h|24h|7d), data-count (1-50),
   data-title (heading text), data-api (API origin; default: the origin this script came from). See README, Trending. */
(function (w, d) {
  try {
    var me = d.currentScript;
    if (!me || !w.fetch || !w.URL) return;
    var own = me.dataset, base = (own.api || new URL(me.src).origin).replace(/\/+$/, '');
    var enc = encodeURIComponent;

    // Only http(s) links onto one of the site's own domains (or their subdomains) are rendered.
    var safe = function (url, domains) {
      try {
        var u = new URL(url), host = u.hostname.toLowerCase();
        if (u.protocol != 'https:' && u.protocol != 'http:') return null;
        for (var i = 0; i < domains.length; i++) {
          var domain = String(domains[i]).toLowerCase();
          if (domain && (host == domain || host.slice(-domain.length - 1) == '.' + domain)) return u.href;
        }
      } catch (e) { /* not a URL */ }
      return null;
    };

    var el = function (name, cls) {
      var node = d.createElement(name);
      node.className = 'readpulse-trending__' + cls;
      return node;
    };

    // Text is only ever set as text, never parsed as HTML.
    var render = function (box, cfg, list, withHeading) {
      var items = (list && list.items) || [], domains = (list && list.domains) || [];
      var ol = el('ol', 'list');
      for (var i = 0; i < items.length; i++) {
        var href = safe(items[i].url, domains), title = items[i].title;
        if (!href || typeof title != 'string' || !title) continue;
        var li = el('li', 'item'), a = el('a', 'link');
        a.href = href;
        a.textContent = title;
        li.appendChild(a);
        ol.appendChild(li);
      }
      if (!ol.firstChild) return false;
      if (withHeading || cfg.title) {
        var h = el('h2', 'title');
        h.id = 'readpulse-trending-' + Math.random().toString(36).slice(2);
        h.textContent = cfg.title || 'Trending';
        box.setAttribute('aria-labelledby', h.id);
        box.appendChild(h);
      }
      box.appendChild(ol);
      return true;
    };

    var load = function (cfg, place) {
      var query = 'mode=' + enc(cfg.mode || 'top') + '&window=' + enc(cfg.window || '24h') + '&limit=' + enc(cfg.count || '5')
        + (cfg.section ? '&section=' + enc(cfg.section) : '');
      fetch(base + '/v1/sites/' + enc(cfg.site) + '/trending?' + query, { credentials: 'omit' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (list) { place(list); })
        .catch(function () { /* the API is down: the page shows nothing rather than an error */ });
    };

    if (own.site) {
      load(own, function (list) {
        var section = d.createElement('section');
        section.className = 'readpulse-trending';
        if (render(section, own, list, true) && me.parentNode) me.parentNode.insertBefore(section, me.nextSibling);
      });
    }
    var boxes = d.querySelectorAll('[data-readpulse-trending][data-site]');
    for (var i = 0; i < boxes.length; i++) {
      (function (box) {
        load(box.dataset, function (list) {
          if (!box.querySelector('.readpulse-trending__list') && render(box, box.dataset, list, false)) box.classList.add('readpulse-trending');
        });
      })(boxes[i]);
    }
  } catch (e) { /* never break the page */ }
})(window, document);
