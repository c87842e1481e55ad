// What an account admin is told after a step, beyond Tasklist's own notices. Once the wizard is done its task list
// is empty, so a panel above the list says where the cancellation stands (until when access lasts, how to withdraw,
// where the export is), from the application's /account-data/cancellations in the account's language. And an error
// about a step stays on screen until it is closed, also after a later try of the step went through; then it goes.
const CONFIRMING_RECHECKS = 12;
const RECHECK_MILLIS = 5000;

const style = document.createElement('style');
style.textContent = `
  .cancellation-outcome { margin: 10px; }
  .cancellation-outcome section {
    border: 1px solid #b5c7d8; border-radius: 3px; background: #f3f8fc; padding: 10px 12px; margin-bottom: 10px;
  }
  .cancellation-outcome h4 { margin: 0 0 6px; }
  .cancellation-outcome p { margin: 0 0 6px; }
`;
document.head.appendChild(style);

async function outcomes() {
  try {
    const response = await fetch('/account-data/cancellations', {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' }
    });
    return response.status === 200 ? await response.json() : [];
  } catch (unreachable) {
    return [];
  }
}

function show(container, list) {
  container.replaceChildren(
    ...list.map(outcome => {
      const section = document.createElement('section');
      section.dataset.account = outcome.accountId;
      const title = document.createElement('h4');
      title.textContent = outcome.title;
      section.appendChild(title);
      outcome.lines.forEach(line => {
        const paragraph = document.createElement('p');
        paragraph.textContent = line;
        section.appendChild(paragraph);
      });
      if (outcome.exportHref) {
        const link = document.createElement('a');
        link.href = outcome.exportHref;
        link.textContent = outcome.exportLabel;
        section.appendChild(link);
      }
      return section;
    })
  );
}

// The panel on the page now; Tasklist may render the list anew.
let refresh = () => {};
let notifications = null;
let rootScope = null;

// An error is old news once the page has moved on after the user did something more: a completed step leaves the
// task (and the address changes), a start or a claim reports its success. An error shown since the user's last click
// stays: Tasklist may move on as it shows it (a task that someone else completed).
let lastClickAt = 0;
document.addEventListener(
  'click',
  () => {
    lastClickAt = Date.now();
  },
  true
);

function clearOldErrors() {
  if (notifications) {
    rootScope.$applyAsync(() =>
      notifications.notifications
        .filter(shown => shown.type === 'danger' && (shown.shownAt || 0) < lastClickAt)
        .forEach(error => notifications.clear(error))
    );
  }
}

function watchNotifications(injector) {
  const service = injector.get('Notifications');
  if (service.watchedForOldErrors) {
    return;
  }
  service.watchedForOldErrors = true;
  notifications = service;
  rootScope = injector.get('$rootScope');
  const add = service.add.bind(service);
  service.add = notification => {
    notification.shownAt = Date.now();
    if (notification.type === 'info' || notification.type === 'success') {
      clearOldErrors();
      refresh();
    }
    add(notification);
  };
}

window.addEventListener('hashchange', () => {
  clearOldErrors();
  refresh();
});

export default [
  {
    id: 'cancellation-outcome',
    pluginPoint: 'tasklist.list',
    priority: 100,
    render: container => {
      const panel = document.createElement('div');
      panel.className = 'cancellation-outcome';
      container.appendChild(panel);
      let rechecks = 0;
      refresh = async () => {
        const list = await outcomes();
        show(panel, list);
        if (list.some(outcome => outcome.confirming) && rechecks < CONFIRMING_RECHECKS) {
          rechecks += 1;
          setTimeout(refresh, RECHECK_MILLIS);
        }
      };
      const injector = window.angular && window.angular.element(document.body).injector();
      if (injector) {
        watchNotifications(injector);
      }
      refresh();
    }
  }
];
