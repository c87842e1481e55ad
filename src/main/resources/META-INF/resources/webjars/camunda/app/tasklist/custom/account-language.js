// Tasklist picks its language once, as it starts, from the browser's; a customer reads it in the language of the
// account instead. Tasklist waits for its custom scripts before it starts, so this one asks first which language the
// logged-in user's account speaks (none before the login, and none for staff) and has the browser say that one: a
// page loaded after the login is in the account's language throughout. A login happens within the page, which is
// then loaded again if the account speaks another language than the one it started in.
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
const speaking = fromAccount || browserLanguage();

// config.js describes the keyboard shortcuts in English, and Tasklist shows them as written; a locale file may have
// them as SHORTCUT_<name>.
function describeShortcuts() {
  const injector = window.angular && window.angular.element(document.body).injector();
  if (!injector) {
    return;
  }
  const translate = injector.get('$translate');
  const shortcuts = (window.camTasklistConf && window.camTasklistConf.shortcuts) || {};
  Object.entries(shortcuts).forEach(([name, shortcut]) => {
    shortcut.english = shortcut.english || shortcut.description;
    const key = `SHORTCUT_${name}`;
    const translated = translate.instant(key);
    shortcut.description = translated && translated !== key ? translated : shortcut.english;
  });
}

// Some texts are translated once, as Tasklist starts (those of Camunda's search widget): after a login into an
// account of another language the page is loaded again, and then speaks it from the start.
async function reloadedForTheAccount() {
  const locale = await accountLanguage();
  if (locale && locale !== speaking) {
    window.location.reload();
    return true;
  }
  return false;
}

// Only a login, which leaves Tasklist's login view, can change whose account it is; any navigation may be the first
// after Tasklist has started and can describe the shortcuts.
window.addEventListener('hashchange', async event => {
  const afterLogin = new URL(event.oldURL).hash.startsWith('#/login');
  if (!(afterLogin && (await reloadedForTheAccount()))) {
    describeShortcuts();
  }
});

export default [];
