// Sends the chosen export to the import of the page's account, as application/zip with the Tasklist session, and
// shows what came back: the counts, or the reason the archive was refused (the API's problem detail).
(function () {
  const form = document.getElementById('import');
  const result = document.getElementById('result');
  const texts = document.getElementById('texts').dataset;

  function fill(pattern, values) {
    return pattern.replace(/\{(\d+)\}/g, (_, index) => values[Number(index)]);
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = document.getElementById('archive').files[0];
    if (!file) {
      return;
    }
    result.className = '';
    result.textContent = texts.working;
    try {
      const response = await fetch('/account-data/' + encodeURIComponent(form.dataset.account) + '/import', {
        method: 'POST',
        headers: { 'Content-Type': 'application/zip', Accept: 'application/json' },
        body: file,
        credentials: 'same-origin'
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        result.textContent = fill(texts.done, [body.organizations, body.persons, body.deals, body.activities, body.notes]);
      } else {
        result.className = 'refused';
        result.textContent = fill(texts.refused, [body.detail || response.status]);
      }
    } catch (failure) {
      result.className = 'refused';
      result.textContent = fill(texts.refused, [String(failure)]);
    }
  });
})();
