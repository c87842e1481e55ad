// The people in Tasklist are account admins working on their cancellation's steps: they start a cancellation, claim
// a step, give it back and complete it. Tasklist also offers controls that need rights nobody here has (creating a
// task, comments, dates, groups, handing a task to someone else), which would end in a raw authorization error.
// They are left out, and so is Camunda's banner about its own product's future, which is no news for a customer.
// The task's diagram tab shows the whole model (billing, timers, erasure): the staff's view, in Cockpit.
const style = document.createElement('style');
style.textContent = `
  .ce-eol-banner,
  li.create-task-action,
  .createCommentLink,
  [cam-tasklist-task-meta] ul.meta.dates,
  [cam-tasklist-task-meta] li.groups,
  [cam-tasklist-task-meta] .reset-assignee {
    display: none !important;
  }
  [cam-tasklist-task-meta] li.assignee .set-value {
    pointer-events: none;
  }
`;
document.head.appendChild(style);

const STAFF_ONLY_TABS = ['task-detail-diagram'];

// A plugin's render runs once Tasklist has started, which is when its registry of views can be reached. The task
// view reads its tabs from that registry, so a tab taken out there is not shown.
export default [
  {
    id: 'customer-task-tabs',
    pluginPoint: 'tasklist.list',
    priority: -1000,
    render: () => {
      const injector = window.angular && window.angular.element(document.body).injector();
      const tabs = injector ? injector.get('Plugins').getAllProviders('view')['tasklist.task.detail'] || [] : [];
      STAFF_ONLY_TABS.forEach(id => {
        const index = tabs.findIndex(tab => tab.id === id);
        if (index >= 0) {
          tabs.splice(index, 1);
        }
      });
    }
  }
];
