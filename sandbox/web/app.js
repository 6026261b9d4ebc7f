// The web app's behaviour: every page's script in one small module that talks to the API with fetch.
const api = document.querySelector('meta[name=api]').content;
const $ = (selector) => document.querySelector(selector);
const token = () => localStorage.getItem('accessToken');
const money = (value) => `$${value}`;

function showError(message) {
  $('#error').textContent = message;
}

async function call(method, path, body, extraHeaders = {}) {
  const headers = { 'Content-Type': 'application/json', ...extraHeaders };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  const res = await fetch(`${api}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${data.message ?? res.statusText} (request id ${res.headers.get('x-request-id') ?? 'none'})`);
  return data;
}

function signedIn(session) {
  localStorage.setItem('accessToken', session.accessToken);
  localStorage.setItem('email', session.user.email);
  location.assign('/packages');
}

function rememberBooking(id) {
  const ids = JSON.parse(localStorage.getItem('bookings') ?? '[]');
  localStorage.setItem('bookings', JSON.stringify([id, ...ids.filter((x) => x !== id)].slice(0, 50)));
}

const pages = {
  login() {
    let email = '';
    $('#otp-start').addEventListener('submit', async (event) => {
      event.preventDefault();
      email = new FormData(event.target).get('email');
      try {
        const started = await call('POST', '/auth/start', { channel: 'email', email, purpose: 'login' });
        $('#otp-code').textContent = started.code ? `Your code: ${started.code}` : 'Code sent: check your e-mail.';
      } catch (e) { showError(e.message); }
    });
    $('#otp-verify').addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        signedIn(await call('POST', '/auth/verify', { channel: 'email', email, code: new FormData(event.target).get('code') }));
      } catch (e) { showError(e.message); }
    });
    $('#password-login').addEventListener('submit', async (event) => {
      event.preventDefault();
      const form = new FormData(event.target);
      const body = { email: form.get('email'), password: form.get('password') };
      try {
        signedIn(await call('POST', event.submitter?.value === 'register' ? '/auth/register' : '/auth/login', body));
      } catch (e) { showError(e.message); }
    });
  },

  async catalog() {
    const render = async (search) => {
      const query = `status=PUBLISHED&pageSize=100${search ? `&search=${encodeURIComponent(search)}` : ''}`;
      try {
        const [hotels, tours] = await Promise.all([call('GET', `/hotel-packages?${query}`), call('GET', `/tour-packages?${query}`)]);
        $('#hotels').replaceChildren(...hotels.items.map((p) => card(p.name, `/packages/${p.id}`, `${money(p.pricePerPerson)} a night`)));
        $('#tours').replaceChildren(...tours.items.map((p) => card(p.name, null, `${money(p.basePrice)} a person`)));
      } catch (e) { showError(e.message); }
    };
    $('#search').addEventListener('submit', (event) => {
      event.preventDefault();
      render(new FormData(event.target).get('search'));
    });
    await render('');
  },

  async package() {
    const id = location.pathname.split('/')[2];
    let pkg;
    try {
      pkg = await call('GET', `/hotel-packages/${id}`);
    } catch (e) { return showError(e.message); }
    $('#package-name').textContent = pkg.name;
    $('#package-price').textContent = `${money(pkg.pricePerPerson)} a night`;
    const form = $('#quote');
    let quote;
    let hold;
    if (document.body.dataset.quoteEnabled === 'true') {
      $('#get-quote').addEventListener('click', async () => {
        if (!form.reportValidity()) return;
        const f = new FormData(form);
        try {
          quote = await call('POST', '/bookings/quote', {
            packageType: 'HOTEL_PACKAGE', packageId: id, checkInDate: f.get('checkIn'), checkOutDate: f.get('checkOut'),
            numberOfRooms: Number(f.get('rooms')), numberOfGuests: Number(f.get('guests')),
          });
          $('#subtotal').textContent = money(quote.priceSnapshot.subtotal);
          $('#tax').textContent = money(quote.priceSnapshot.tax);
          $('#total').textContent = `Total: ${money(quote.totalPrice)}`;
          $('#quote-result').hidden = false;
        } catch (e) { showError(e.message); }
      });
    }
    $('#hold').addEventListener('click', async () => {
      try {
        hold = await call('POST', '/bookings/hold', { quoteId: quote.id }, { 'Idempotency-Key': `web-${quote.id}` });
        rememberBooking(hold.id);
        $('#hold-expiry').textContent = `Held until ${new Date(hold.holdExpiresAt).toLocaleTimeString()}`;
        $('#hold-result').hidden = false;
      } catch (e) { showError(e.message); }
    });
    $('#pay').addEventListener('click', async () => {
      try {
        await call('POST', '/payments/pre-authorize', { bookingId: hold.id, paymentMethodId: $('#card').value, idempotencyKey: `web-pay-${hold.id}` });
        await call('POST', `/bookings/${hold.id}/confirm`);
        location.assign(`/bookings/${hold.id}/confirmed`);
      } catch (e) { showError(e.message); }
    });
  },

  async confirmed() {
    const id = location.pathname.split('/')[2];
    $('#reference').textContent = id;
    try {
      const booking = await call('GET', `/bookings/${id}`);
      $('#confirmed-total').textContent = `Total paid: ${money(booking.totalPrice)}`;
    } catch (e) { showError(e.message); }
  },

  async myBookings() {
    const ids = JSON.parse(localStorage.getItem('bookings') ?? '[]');
    const rows = await Promise.all(ids.map((id) => call('GET', `/bookings/${id}`).catch(() => null)));
    $('#bookings').replaceChildren(...rows.filter(Boolean).map((b) => {
      const li = document.createElement('li');
      li.className = 'card';
      li.textContent = `${b.id} · ${b.checkInDate} → ${b.checkOutDate} · ${b.status} · ${money(b.totalPrice)}`;
      return li;
    }));
  },
};

function card(name, href, price) {
  const li = document.createElement('li');
  li.className = 'card';
  const title = document.createElement('h3');
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = name;
    title.append(a);
  } else {
    title.textContent = name;
  }
  const p = document.createElement('p');
  p.textContent = price;
  li.append(title, p);
  return li;
}

const email = localStorage.getItem('email');
if (token() && email) $('#signed-in').textContent = `Signed in as ${email}`;
const path = location.pathname;
const page = path === '/login' ? 'login'
  : /^\/packages\/[^/]+/.test(path) ? 'package'
  : /^\/bookings\/[^/]+\/confirmed/.test(path) ? 'confirmed'
  : path.startsWith('/my-bookings') ? 'myBookings'
  : 'catalog';
pages[page]?.();
