// Tasklist's configuration: Camunda's defaults, the product's name, Norwegian beside English (locales/nb.json), and
// the scripts that leave out the controls account admins cannot use, speak the account's language, say where a
// cancellation stands once its steps are done, and log out through the company's provider where single sign-on is on.
export default {
  app: {
    name: 'Account',
    vendor: 'CRM'
  },

  locales: {
    availableLocales: ['en', 'nb'],
    fallbackLocale: 'en'
  },

  customScripts: [
    'custom/wizard-controls',
    'custom/account-language',
    'custom/step-answers',
    '../shared/single-sign-on'
  ],

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
