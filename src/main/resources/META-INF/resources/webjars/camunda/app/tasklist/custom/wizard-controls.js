// The people in Tasklist are account admins working on their cancellation's steps: they start a cancellation, claim
// a step, give it back and complete it. Tasklist also offers controls that need rights nobody here has (creating a
// task, comments, dates, groups, handing a task to someone else), which would end in a raw authorization error.
// They are left out, and so is Camunda's banner about its own product's future, which is no news for a customer.
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

export default [];
