import { defineSection } from '../section.js';

/** The first hour of a new user: values checked with the valid ones listed, ids by prefix, what changed. */
export const firsthour = defineSection(
  {
    'alert.reach.unknown': 'unknown',
    'cmd.error.incident_prefix_short': '"{id}" is too short: type at least {min} characters of the incident id (alerts show its first 8).',
    'cmd.error.incident_ambiguous': '"{id}" matches several incidents: {matches}. Type more characters of the one you mean.',
  },
  {
    'alert.reach.unknown': 'inconnue',
    'cmd.error.incident_prefix_short':
      '« {id} » est trop court : tapez au moins {min} caractères de l’identifiant de l’incident (les alertes en montrent les 8 premiers).',
    'cmd.error.incident_ambiguous': '« {id} » correspond à plusieurs incidents : {matches}. Tapez plus de caractères de celui que vous visez.',
  },
  {
    'alert.reach.unknown': 'غير معروف',
  },
);
