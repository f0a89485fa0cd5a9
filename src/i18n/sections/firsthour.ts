import { defineSection } from '../section.js';

/** The first hour of a new user: values checked with the valid ones listed, ids by prefix, what changed. */
export const firsthour = defineSection(
  {
    'alert.reach.unknown': 'unknown',
  },
  {
    'alert.reach.unknown': 'inconnue',
  },
  {
    'alert.reach.unknown': 'غير معروف',
  },
);
