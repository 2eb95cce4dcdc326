/* Demo shop client (plain browser JS, no build step): lazy images everywhere, product pages rendered from the API. */
(function () {
  'use strict';
  var PLACEHOLDER = 'data:image/gif;base64,R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';
  var observer = 'IntersectionObserver' in window
    ? new IntersectionObserver(function (entries) {
        entries.forEach(function (e) {
          if (e.isIntersecting) { observer.unobserve(e.target); reveal(e.target); }
        });
      }, { rootMargin: '100px 0px' })
    : null;

  function reveal(img) {
    var src = img.getAttribute('data-src');
    if (src && img.getAttribute('src') !== src) img.setAttribute('src', src);
    img.classList.add('loaded');
  }

  function watchLazy(root) {
    root.querySelectorAll('img.lazy[data-src]').forEach(function (img) {
      if (observer) observer.observe(img); else reveal(img);
    });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function lazyImg(src, alt, cls) {
    return el('img', { class: 'lazy ' + (cls || ''), src: PLACEHOLDER, 'data-src': src, alt: alt });
  }

  function card(r) {
    return el('a', { class: 'card', href: r.url }, [
      el('div', { class: 'thumb' }, [lazyImg(r.image, r.name)]),
      el('div', { class: 'name', text: r.name }),
      el('div', { class: 'meta' }, [el('span', { class: 'price', text: r.price_text })]),
    ]);
  }

  function render(app, data) {
    var item = data.item;
    document.title = item.name + ' | Chợ Quê Online';
    var main = lazyImg(item.images[0] || '', item.name, 'main');
    var thumbs = el('div', { class: 'thumbs' }, item.images.map(function (src, i) {
      var t = lazyImg(src, item.name + ' - ảnh ' + (i + 1), 'mini');
      t.addEventListener('click', function () { main.setAttribute('src', src); });
      return t;
    }));
    var desc = el('div', { class: 'desc-text', text: item.description });
    var descBox = el('section', { class: 'box desc' }, [el('h2', { text: 'MÔ TẢ SẢN PHẨM' }), desc]);
    if (item.description.length > 1500) {
      desc.classList.add('collapsed');
      var more = el('button', { class: 'more-btn', type: 'button', text: 'Xem thêm' });
      more.addEventListener('click', function () { desc.classList.toggle('collapsed'); });
      descBox.appendChild(more);
    }
    var product = el('div', { class: 'box product' }, [
      el('div', { class: 'gallery' }, [main, thumbs]),
      el('div', { class: 'info' }, [
        el('h1', { class: 'title', text: item.name }),
        el('div', { class: 'stats', text: '★ ' + item.rating.toFixed(1) + '  |  ' + item.sold_text }),
        el('div', { class: 'pricebox' }, [el('span', { class: 'price', text: item.price_text })]),
        el('div', { class: 'row', text: 'Vận chuyển: Miễn phí vận chuyển cho đơn từ 199.000đ' }),
        el('div', { class: 'row', text: 'Danh mục: ' + item.category.name }),
        el('div', { class: 'actions' }, [
          el('button', { class: 'btn-cart', type: 'button', text: 'Thêm vào giỏ hàng' }),
          el('button', { class: 'btn-buy', type: 'button', text: 'Mua ngay' }),
        ]),
      ]),
    ]);
    var seller = el('section', { class: 'box seller' }, [
      el('div', { class: 'avatar', text: item.shop.name.charAt(0) }),
      el('div', { class: 'who' }, [el('a', { class: 'shop-name', href: item.shop.url, text: item.shop.name }), el('div', { class: 'muted', text: item.shop.location })]),
      el('a', { class: 'btn-shop', href: item.shop.url, text: 'Xem shop' }),
    ]);
    var related = el('section', { class: 'related' }, [
      el('h2', { text: 'Sản phẩm tương tự' }),
      el('div', { class: 'grid' }, data.related.map(card)),
    ]);
    app.replaceChildren(product, seller, descBox, related);
    app.setAttribute('data-loaded', 'true');
    watchLazy(app);
  }

  function loadProduct(app) {
    var id = app.getAttribute('data-item-id');
    fetch('/api/san-pham/' + id, { headers: { accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.text();
      })
      .then(function (text) { render(app, JSON.parse(text)); })
      .catch(function (err) {
        app.replaceChildren(el('div', { class: 'box error', text: 'Không tải được thông tin sản phẩm. Vui lòng thử lại sau.' }));
        app.setAttribute('data-loaded', 'error');
        if (window.console) console.warn('product load failed', err);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    watchLazy(document);
    var app = document.getElementById('app');
    if (app && app.getAttribute('data-item-id')) loadProduct(app);
  });
})();
