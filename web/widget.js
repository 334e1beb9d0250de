/* Readpulse Trending widget, and the box's impressions and clicks. No dependencies, cookies or storage;
   nothing sent under DNT or GPC; never throws into the page. Options and events: docs/trending.md. */
(function (w, d, n) {
  try {
    var me = d.currentScript, P = 'readpulse-trending', loc = location.href;
    if (!me || !w.fetch || !w.URL || !w.crypto) return;
    var base = (me.dataset.api || new URL(me.src).origin).replace(/\/+$/, ''), enc = encodeURIComponent;
    var quiet = n.doNotTrack == '1' || w.doNotTrack == '1' || n.globalPrivacyControl;

    // Rows have fixed heights in ems, so the space kept before the list arrives is the space it takes.
    if (!d.getElementById(P + '-style')) {
      var css = d.createElement('style');
      css.id = P + '-style';
      css.textContent = ('&{font:var(--readpulse-font,inherit);color:var(--readpulse-text)}&[aria-busy]{visibility:hidden}'
        + '&__title{font-size:1.125em;line-height:1.3;margin:0 0 .5em}& ol{list-style:none;margin:0;padding:0;display:grid;'
        + 'gap:var(--readpulse-gap,.75em);align-content:start;counter-reset:r}& li{position:relative;display:flex;gap:.75em;height:var(--h);margin:0}'
        + '&__img{flex:none;width:6em;height:3.375em;object-fit:cover;border-radius:var(--readpulse-radius,.25em);'
        + 'background:#8883}&__text{flex:1;min-width:0}&__link{color:var(--readpulse-link,inherit);'
        + 'font-weight:600;line-height:1.35;text-decoration:none;overflow-wrap:anywhere;display:-webkit-box;-webkit-box-orient:vertical;'
        + '-webkit-line-clamp:var(--l);overflow:hidden}&__link:after{content:"";position:absolute;inset:0}'
        + '&__link:hover{text-decoration:underline}&__link:focus-visible{outline:2px solid var(--readpulse-focus,currentColor);'
        + 'outline-offset:2px}&__meta{display:block;font-size:.8em;line-height:1.35;margin-top:.25em;white-space:nowrap;'
        + 'overflow:hidden;text-overflow:ellipsis;color:var(--readpulse-muted);opacity:.8}&__section+time:before{content:" · "}'
        + '&--compact li:before{counter-increment:r;content:counter(r);font-weight:700;min-width:1.2em;line-height:1.35}'
        + '&--compact &__img{width:4.8em;height:2.7em}&--cards ol{grid-auto-flow:column;overflow:auto hidden;'
        + 'grid-auto-columns:var(--readpulse-card-width,14em)}&--cards li{flex-direction:column;gap:.5em}'
        + '&--cards &__img{width:100%;height:7.875em}').replace(/&/g, '.' + P);
      d.head.insertBefore(css, d.head.firstChild);
    }

    // The page's own article by t.js's rules; an id only where t.js would count the page as an article.
    var attr = function (selector, name) {
      var el = d.querySelector(selector);
      return (el && el.getAttribute(name || 'content')) || '';
    };
    var strip = function (url) { return url.split(/[?#]/)[0].replace(/\/+$/, ''); };
    var tag = (d.querySelector('[data-article-id]') || d).dataset || {};
    var here = new URL(attr('link[rel=canonical]', 'href') || attr('meta[property="og:url"]') || strip(loc), loc).href;
    var page = (tag.articleId || here.replace(/\/+$/, '').split('/').pop().replace(/\.html?$/, ''))
      .replace(/[^\w.~-]/g, '-').replace(/^[^a-z0-9]+/i, '').slice(0, 128);
    if (!(tag.section || attr('meta[property="article:section"]'))
      || !Date.parse(tag.published || attr('meta[property="article:published_time"]'))) page = '';

    // Only http(s) URLs onto one of the site's own domains (or their subdomains), for links and images alike.
    var safe = function (url, domains) {
      try {
        var u = new URL(url), host = '.' + u.hostname;
        if (/^https?:$/.test(u.protocol) && domains.some(function (domain) {
          domain = '.' + String(domain).toLowerCase();
          return domain.length > 1 && host.slice(-domain.length) == domain;
        })) return u.href;
      } catch (e) { /* not a URL, or no list of domains */ }
    };
    var el = function (name, cls, parent) {
      var node = parent.appendChild(d.createElement(name));
      node.className = P + '__' + cls;
      return node;
    };
    var random = function (array) { return crypto.getRandomValues(array); };
    // As t.js sends: a random id and the time, so a request sent twice counts once.
    var send = function (event) {
      try {
        if (quiet) return;
        if (page) event.article = { id: page };
        event.id = btoa(String.fromCharCode.apply(null, random(new Uint8Array(16))))
          .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
        event.ts = Date.now();
        var body = JSON.stringify(event), api = base + '/v1/events';
        if (!(n.sendBeacon && n.sendBeacon(api, new Blob([body], { type: 'text/plain' })))) {
          fetch(api, { method: 'POST', body: body, keepalive: true, credentials: 'omit',
            headers: { 'content-type': 'text/plain' } }).catch(function () {});
        }
      } catch (e) { /* best effort: the page must not notice */ }
    };
    var formatter = function (lang) {
      try { return new Intl.RelativeTimeFormat(lang, { style: 'narrow' }); } catch (e) { return lang && formatter(); }
    };

    var start = function (o, place, headed) {
      var layout = /^(compact|cards)$/.test(o.layout) ? o.layout : 'list', cards = layout == 'cards';
      var show = o.show == null ? (layout == 'compact' ? 'section age' : 'image section age') : o.show;
      var image = /image/.test(show), sections = /section/.test(show), rtf = /age/.test(show) && formatter(o.lang || d.documentElement.lang);
      var count = Math.min(50, Math.max(1, parseInt(o.count, 10) || 5)), skip = o.current != 'show';
      var arms = (o.experiment || '').split(/\s*,\s*/), arm = arms.length > 1 && arms.every(function (a) {
        return /^(top|rising|fresh)-(1h|24h|7d)$/.test(a);
      }) && arms[random(new Uint32Array(1))[0] % arms.length];
      var list = { mode: arm ? arm.split('-')[0] : o.mode || 'top', window: arm ? arm.split('-')[1] : o.window || '24h' };
      if (o.section) list.section = o.section;

      var lines = cards ? 3 : 2, h = lines * 1.35 + (sections || rtf ? 1.28 : 0), gap = 'var(--readpulse-gap,.75em)';
      if (image) h = cards ? h + 8.375 : Math.max(h, layout == 'list' ? 3.375 : 2.7);
      h = h.toFixed(2) + 'em';
      var box = d.createElement(headed ? 'section' : 'div'), title = o.title || 'Trending', targets = [];
      box.className = P + ' ' + P + '--' + layout;
      box.setAttribute('aria-busy', 'true');
      if (headed || o.title) {
        var heading = el('h2', 'title', box);
        heading.id = P + '-' + Math.random().toString(36).slice(2);
        heading.textContent = title;
      }
      var ol = el('ol', 'list', box);
      if (heading) box.setAttribute('aria-labelledby', heading.id);
      heading ? ol.setAttribute('aria-labelledby', heading.id) : ol.setAttribute('aria-label', title);
      ol.style.cssText = '--h:' + h + ';--l:' + lines + (cards ? ';height:calc(' + h + ' + 1em)'
        : ';min-height:calc(' + count + ' * (' + h + ' + ' + gap + ') - ' + gap + ')');
      place(box);

      var report = function (event) {
        event.site = o.site;
        event.list = list;
        if (arm) event.arm = arm;
        send(event);
      };
      var ago = function (at) {
        var minutes = Math.max(1, (Date.now() - at) / 6e4), unit = minutes < 60 ? ['minute', 1] : minutes < 1440 ? ['hour', 60] : ['day', 1440];
        return rtf.format(-Math.floor(minutes / unit[1]), unit[0]);
      };
      // Text is only ever set as text, never parsed as HTML.
      var render = function (answer) {
        var items = (answer && answer.items) || [], domains = (answer && answer.domains) || [];
        for (var i = 0; i < items.length && targets.length < count; i++) {
          var item = items[i] || {}, href = safe(item.url, domains), src = image && safe(item.image, domains);
          if (!href || typeof item.title != 'string' || !item.title
            || skip && (strip(href) == strip(here) || page && item.id == page)) continue;
          var li = el('li', 'item', ol);
          if (image) {
            var img = el(src ? 'img' : 'span', 'img', li);
            if (src) { img.loading = 'lazy'; img.width = 160; img.height = 90; img.alt = ''; img.src = src; }
          }
          var text = el('div', 'text', li), link = el('a', 'link', text), at = rtf && Date.parse(item.publishedAt);
          var section = sections && typeof item.section == 'string' && item.section, meta = (section || at) && el('span', 'meta', text);
          link.href = href.split('#')[0] + '#rp'; // t.js reads it: the page view came from the box
          link.textContent = item.title;
          if (section) el('span', 'section', meta).textContent = section;
          if (at) {
            var time = el('time', 'age', meta);
            time.dateTime = new Date(at).toISOString();
            time.textContent = ago(at);
          }
          targets.push(/^[A-Za-z0-9][\w.~-]{0,127}$/.test(item.id) ? { id: item.id } : undefined);
        }
        return targets.length;
      };
      var shown = function () {
        box.removeAttribute('aria-busy');
        if (w.IntersectionObserver) {
          new IntersectionObserver(function (entries, observer) {
            if (entries[entries.length - 1].intersectionRatio >= 0.5) {
              observer.disconnect();
              report({ type: 'impression', items: targets.length });
            }
          }, { threshold: 0.5 }).observe(ol);
        }
        var clicked = function (e) {
          var link = e.button < 2 && e.target.closest && e.target.closest('a');
          var position = link && [].indexOf.call(ol.children, link.parentNode.parentNode) + 1;
          if (position) report({ type: 'click', position: position, target: targets[position - 1] });
        };
        ol.addEventListener('click', clicked);
        ol.addEventListener('auxclick', clicked);
      };

      fetch(base + '/v1/sites/' + enc(o.site) + '/trending?mode=' + enc(list.mode) + '&window=' + enc(list.window)
        + '&limit=' + Math.min(50, count + (skip ? 1 : 0))
        + (o.section ? '&section=' + enc(o.section) : o.author ? '&author=' + enc(o.author) : o.tag ? '&tag=' + enc(o.tag) : ''), { credentials: 'omit' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { render(answer) ? shown() : box.remove(); })
        .catch(function () { box.remove(); }); // the API is down: the page shows nothing rather than an error
    };

    if (me.dataset.site) start(me.dataset, function (box) { me.parentNode.insertBefore(box, me.nextSibling); }, true);
    var boxes = d.querySelectorAll('[data-readpulse-trending][data-site]');
    for (var i = 0; i < boxes.length; i++) {
      if (!boxes[i].querySelector('.' + P)) start(boxes[i].dataset, boxes[i].appendChild.bind(boxes[i]));
    }
  } catch (e) { /* never break the page */ }
})(window, document, navigator);
