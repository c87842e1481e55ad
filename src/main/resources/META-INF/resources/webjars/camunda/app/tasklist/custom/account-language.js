// Tasklist picks its language from the browser; a customer reads it in the language of the account instead. Once
// someone is logged in (and whenever the view changes, which a login does), ask which language that is and switch
// Tasklist's texts to it. Staff, who belong to no account, keep the browser's language.
let asked = null;

async function accountLanguage() {
  const response = await fetch('/account-data/language', {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' }
  });
  return response.status === 200 ? (await response.json()).locale : null;
}

function translate() {
  const injector = window.angular && window.angular.element(document.body).injector();
  return injector ? injector.get('$translate') : null;
}

async function followTheAccount() {
  if (asked) {
    return;
  }
  asked = accountLanguage()
    .then((locale) => {
      const texts = translate();
      if (locale && texts && texts.use() !== locale) {
        texts.use(locale);
        document.documentElement.lang = locale;
      }
    })
    .catch(() => {})
    .finally(() => {
      asked = null;
    });
}

window.addEventListener('hashchange', followTheAccount);
new MutationObserver(followTheAccount).observe(document.body, { childList: true });
followTheAccount();

export default [];
