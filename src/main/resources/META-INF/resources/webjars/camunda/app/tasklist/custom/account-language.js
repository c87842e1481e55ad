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
let speaking = fromAccount || browserLanguage();
let asking = false;

// config.js describes the keyboard shortcuts in English, and Tasklist shows them as written; a locale file may have
// them as SHORTCUT_<name>.
function describeShortcuts(translate) {
  const shortcuts = (window.camTasklistConf && window.camTasklistConf.shortcuts) || {};
  Object.entries(shortcuts).forEach(([name, shortcut]) => {
    shortcut.english = shortcut.english || shortcut.description;
    const key = `SHORTCUT_${name}`;
    const translated = translate.instant(key);
    shortcut.description = translated && translated !== key ? translated : shortcut.english;
  });
}

async function followTheAccount() {
  if (asking) {
    return;
  }
  asking = true;
  const locale = await accountLanguage();
  const injector = window.angular && window.angular.element(document.body).injector();
  if (injector) {
    const translate = injector.get('$translate');
    if (locale && locale !== speaking) {
      // Some texts are translated once, as Tasklist starts (those of Camunda's search widget): the page is loaded
      // again, and then speaks the account's language from the start.
      window.location.reload();
      return;
    }
    describeShortcuts(translate);
  }
  asking = false;
}

window.addEventListener('hashchange', followTheAccount);

export default [];
