/* The demo site's own share buttons: open each network's share page for this article. Readpulse's
   t.js counts the clicks by itself (it listens for clicks on any [data-share] element). */
(function () {
  var url = encodeURIComponent(location.href);
  var title = encodeURIComponent(document.title);
  var targets = {
    x: 'https://x.com/intent/post?url=' + url + '&text=' + title,
    facebook: 'https://www.facebook.com/sharer/sharer.php?u=' + url,
    whatsapp: 'https://wa.me/?text=' + title + '%20' + url,
    linkedin: 'https://www.linkedin.com/sharing/share-offsite/?url=' + url,
    email: 'mailto:?subject=' + title + '&body=' + url
  };
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-share]');
    if (!button) return;
    var network = button.getAttribute('data-share');
    if (network === 'copy-link') {
      if (navigator.clipboard) {
        navigator.clipboard.writeText(location.href).then(function () { button.textContent = 'Copied'; }, function () {});
      }
    } else if (network === 'email') {
      location.href = targets.email;
    } else if (targets[network]) {
      window.open(targets[network], '_blank', 'noopener,width=600,height=500');
    }
  });
  var form = document.querySelector('.reply-form');
  if (form) {
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      form.querySelector('.reply-status').textContent = 'Thank you. Replies are not stored on this demo site.';
    });
  }
})();
