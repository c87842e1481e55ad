// Cockpit's configuration: Camunda's defaults, plus the log-out through the company's provider where single sign-on is on.
export default {
  customScripts: ['../shared/single-sign-on']
};
