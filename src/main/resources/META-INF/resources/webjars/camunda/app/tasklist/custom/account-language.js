// Tasklist picks its language once, as it starts, from the browser's; a customer reads it in the language of the
// account instead. Tasklist waits for its custom scripts before it starts, so this one asks first which language the
// logged-in user's account speaks (none before the login, and none for staff) and has the browser say that one: a
// page loaded after the login is in the account's language throughout. A login happens within the page; then the
// language is switched in place (a few texts that Tasklist writes only once stay as they were until the next load).
const AVAILABLE = ['en', 'nb'];
const FALLBACK = 'en';

async function accountLanguage() {
  try {
    const response = await fetch('/account-data/language', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    });
    return response.status === 200 ? (await response.json()).locale : null;
  } catch (unreachable) {
    return null;
  }
}

function browserLanguage() {
  const tag = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0];
  return AVAILABLE.includes(tag.toLowerCase()) ? tag.toLowerCase() : FALLBACK;
}

const fromAccount = await accountLanguage();
if (fromAccount) {
  Object.defineProperty(window.navigator, 'languages', { get: () => [fromAccount], configurable: true });
  Object.defineProperty(window.navigator, 'language', { get: () => fromAccount, configurable: true });
  document.documentElement.lang = fromAccount;
}
let speaking = fromAccount || browserLanguage();
let asking = false;

async function followTheAccount() {
  if (asking) {
    return;
  }
  asking = true;
  const locale = await accountLanguage();
  const injector = window.angular && window.angular.element(document.body).injector();
  if (locale && locale !== speaking && injector) {
    injector.get('$translate').use(locale);
    document.documentElement.lang = locale;
    speaking = locale;
  }
  asking = false;
}

window.addEventListener('hashchange', followTheAccount);

export default [];
