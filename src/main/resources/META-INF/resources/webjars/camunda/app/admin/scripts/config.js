// Comitia : application en français (locales/fr.json, traduction de la communauté Camunda complétée pour 7.24).
// Remplace scripts/config.js du webjar Camunda.
export default {
  locales: {
    availableLocales: ['fr'],
    fallbackLocale: 'fr'
  }
};
