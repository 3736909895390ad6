// Comitia : Tasklist en français (locales/fr.json, traduction de la communauté Camunda complétée pour 7.24).
// Remplace scripts/config.js du webjar Camunda. Ajouter 'en' à availableLocales rendrait l'anglais
// aux navigateurs réglés en anglais ; sans lui, tout le monde a le français.
// customScripts : scripts/comitia-form.js, le script commun des formulaires de bpmn/forms/ (window.ComitiaForm),
// chargé comme module ES avant le démarrage de Tasklist.
export default {
  customScripts: ['scripts/comitia-form'],
  app: {
    name: 'Tasklist',
    vendor: 'Comitia'
  },
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  },
  dateFormat: {
    monthName: 'MMMM',
    day: 'DD',
    abbr: 'lll',
    normal: 'LLL',
    long: 'LLLL',
    short: 'LL'
  },
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'prend en charge la tâche sélectionnée'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'place le curseur sur le premier filtre de la liste'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'place le curseur sur la première tâche de la liste'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'place le curseur sur le premier champ du formulaire de la tâche'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'ouvre la fenêtre de démarrage d\'un processus'
    }
  }
};
