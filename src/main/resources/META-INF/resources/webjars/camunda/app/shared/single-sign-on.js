// With single sign-on the log-out link must end the session at the company's provider too, or the next visit would
// log the user straight back in: it goes to the application's log-out, which ends both. Camunda's own log-out ends
// the web apps' session only. With password logins (the demo) nothing changes.
const appRoot = document.querySelector('base').getAttribute('app-root');
const applicationUrl = document.location.href.substring(0, document.location.href.indexOf(appRoot));

function pointLogoutAt(logoutUrl) {
  const observer = new MutationObserver(() => {
    const item = document.querySelector('li.account li.logout');
    if (!item) {
      return;
    }
    observer.disconnect();
    const camundaLink = item.getElementsByTagName('a')[0];
    // A copy, so that none of Camunda's listeners stays on it.
    const link = camundaLink.cloneNode(true);
    link.href = applicationUrl + logoutUrl;
    item.replaceChild(link, camundaLink);
  });
  observer.observe(document, {childList: true, subtree: true});
  // The provider has logged the user in already: the password form has nothing to do.
  if (window.location.hash === '#/login') {
    window.location.hash = '';
  }
}

fetch(applicationUrl + '/webapp-login', {credentials: 'same-origin'})
  .then(response => response.json())
  .then(kind => {
    if (kind.singleSignOn) {
      pointLogoutAt(kind.logout);
    }
  });

export default [];
