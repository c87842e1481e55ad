// Tasklist picks its language once, as it starts, from the browser's; a customer reads it in the language of the
// account instead. Tasklist waits for its custom scripts before it starts, so this one asks first which language the
// logged-in user's account speaks (none before the login, and none for staff) and has the browser say that one.
// A login happens without a reload: when the account's language is not the one Tasklist started in, the page is
// loaded once more, so that every text, including those Tasklist writes only once, is in that language.
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

const startedIn = await accountLanguage();
if (startedIn) {
  Object.defineProperty(window.navigator, 'languages', { get: () => [startedIn], configurable: true });
  Object.defineProperty(window.navigator, 'language', { get: () => startedIn, configurable: true });
  document.documentElement.lang = startedIn;
}

let asking = false;

async function followTheAccount() {
  if (asking) {
    return;
  }
  asking = true;
  const locale = await accountLanguage();
  if (locale && locale !== startedIn) {
    window.location.reload();
    return;
  }
  asking = false;
}

window.addEventListener('hashchange', followTheAccount);

export default [];
