// What each page of the web app shows: markup with visible labels and roles; behaviour lives in app.js.
export interface PageSettings {
  api: string;
  quoteEnabled: boolean;
}

const layout = (title: string, settings: PageSettings, body: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="api" content="${settings.api}">
  <title>${title} · TripAvail</title>
  <style>
    body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 0 auto; padding: 1rem; }
    nav { display: flex; gap: 1rem; align-items: center; border-bottom: 1px solid #ddd; padding-bottom: .5rem; }
    form { display: grid; gap: .5rem; max-width: 24rem; margin: 1rem 0; }
    .card { border: 1px solid #ddd; border-radius: .5rem; padding: .75rem; margin: .5rem 0; }
    [role=alert]:empty, [role=status]:empty { display: none; }
    [role=alert] { color: #a00; }
  </style>
  <script type="module" src="/app.js"></script>
</head>
<body data-quote-enabled="${settings.quoteEnabled}">
  <nav aria-label="Main">
    <a href="/packages">Discover &amp; Book</a>
    <a href="/my-bookings">My bookings</a>
    <a href="/login">Login</a>
    <span id="signed-in" role="status"></span>
  </nav>
  <main>
${body}
    <p id="error" role="alert"></p>
  </main>
</body>
</html>`;

export const pages = {
  login: (s: PageSettings) => layout('Login', s, `
    <h1>Login (OTP)</h1>
    <form id="otp-start" aria-label="OTP login">
      <label>Email <input name="email" type="email" autocomplete="email" required></label>
      <button type="submit">Start OTP</button>
    </form>
    <p id="otp-code" role="status"></p>
    <form id="otp-verify" aria-label="OTP verification">
      <label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
      <button type="submit">Verify &amp; Login</button>
    </form>
    <h2>Password</h2>
    <form id="password-login" aria-label="Password login">
      <label>Account email <input name="email" type="email" autocomplete="username" required></label>
      <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
      <button type="submit" name="action" value="register">Register</button>
      <button type="submit" name="action" value="login">Log in</button>
    </form>`),

  catalog: (s: PageSettings) => layout('Discover & Book', s, `
    <h1>Discover &amp; Book</h1>
    <form id="search" role="search" aria-label="Search packages">
      <label>Search <input name="search" type="search"></label>
      <button type="submit">Search</button>
    </form>
    <section aria-label="Hotel packages"><h2>Hotels</h2><ul id="hotels" aria-label="Hotel list"></ul></section>
    <section aria-label="Tour packages"><h2>Tours</h2><ul id="tours" aria-label="Tour list"></ul></section>`),

  package: (s: PageSettings) => layout('Package', s, `
    <h1 id="package-name">Loading…</h1>
    <p id="package-price"></p>
    <form id="quote" aria-label="Book this package">
      <label>Check-in <input name="checkIn" type="date" required></label>
      <label>Check-out <input name="checkOut" type="date" required></label>
      <label>Rooms <input name="rooms" type="number" min="1" value="1" required></label>
      <label>Guests <input name="guests" type="number" min="1" value="2" required></label>
      <button type="button" id="get-quote">Get Quote</button>
    </form>
    <section id="quote-result" aria-label="Quote" hidden>
      <p>Subtotal: <span id="subtotal"></span></p>
      <p>Tax: <span id="tax"></span></p>
      <p id="total"></p>
      <button type="button" id="hold">Hold This Price</button>
    </section>
    <section id="hold-result" aria-label="Payment" hidden>
      <p id="hold-expiry" role="status"></p>
      <label>Card <select name="card" id="card">
        <option value="pm_card_visa" selected>Test Visa (pm_card_visa)</option>
        <option value="pm_card_chargeDeclined">Declined card (pm_card_chargeDeclined)</option>
      </select></label>
      <button type="button" id="pay">Confirm &amp; Pay</button>
    </section>`),

  confirmed: (s: PageSettings) => layout('Booking Confirmed', s, `
    <h1>Booking Confirmed!</h1>
    <p>Reference: <strong id="reference"></strong></p>
    <p id="confirmed-total"></p>
    <a href="/my-bookings">See my bookings</a>`),

  myBookings: (s: PageSettings) => layout('My bookings', s, `
    <h1>My bookings</h1>
    <ul id="bookings" aria-label="Bookings"></ul>`),

  notFound: (s: PageSettings) => layout('Not found', s, `<h1>Page not found</h1>`),
};

export type PageName = Exclude<keyof typeof pages, 'notFound'>;
