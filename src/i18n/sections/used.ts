import { defineSection } from '../section.js';

/** Suggested responses marked as used: the `used` command, the "Mark as used" buttons, their place in the report. */
export const used = defineSection(
  {
    'cmd.syntax.used': '`used <incident> <n>`',
    'cmd.summary.used': 'the team used suggested response `<n>` (1 holding statement, 2 reply, 3 internal brief): the report shows who and when',
    'used.draft.holding': 'holding statement',
    'used.draft.reply': 'reply to the first complainers',
    'used.draft.brief': 'internal brief',
    'used.recorded': 'Recorded: {user} used the {draft} (no. {n}). The incident report shows it.',
    'used.already': 'The {draft} was already marked as used by {user} at {at}.',
    'used.error.number':
      '"{value}" is not a suggested response: give 1 (holding statement), 2 (reply to the first complainers) or 3 (internal brief).',
    'used.button': 'Mark as used',
    'used.hint':
      'Used one of these? Type `used {incident} 1` for the holding statement, 2 for the reply, 3 for the internal brief: the report shows it.',
    'used.mark': 'Used by {user} at {at}',
    'used.asUsed': 'Text as used:',
    'used.event': 'Suggested response used by {user}: {draft}',
    'used.history': '  ✓ suggested responses used: {n}',
  },
  {
    'cmd.syntax.used': '`used <incident> <n>`',
    'cmd.summary.used':
      "l'équipe a utilisé la réponse suggérée `<n>` (1 déclaration d'attente, 2 réponse, 3 note interne) : le rapport indique qui et quand",
    'used.draft.holding': "déclaration d'attente",
    'used.draft.reply': 'réponse aux premiers plaignants',
    'used.draft.brief': 'note interne',
    'used.recorded': "Noté : {user} a utilisé la {draft} (n° {n}). Le rapport de l'incident l'indique.",
    'used.already': 'La {draft} a déjà été marquée comme utilisée par {user} à {at}.',
    'used.error.number':
      "« {value} » n'est pas une réponse suggérée : indiquez 1 (déclaration d'attente), 2 (réponse aux premiers plaignants) ou 3 (note interne).",
    'used.button': 'Marquer comme utilisée',
    'used.hint':
      "Vous en avez utilisé une ? Tapez `used {incident} 1` pour la déclaration d'attente, 2 pour la réponse, 3 pour la note interne : le rapport l'indique.",
    'used.mark': 'Utilisée par {user} à {at}',
    'used.asUsed': 'Texte tel qu’utilisé :',
    'used.event': 'Réponse suggérée utilisée par {user} : {draft}',
    'used.history': '  ✓ réponses suggérées utilisées : {n}',
  },
  {
    'cmd.syntax.used': '`used <incident> <n>`',
    'cmd.summary.used': 'استعمل الفريق الرد المقترح رقم `<n>` (1 البيان الأوّلي، 2 الرد، 3 المذكرة الداخلية): يبيّن التقرير من استعمله ومتى',
    'used.draft.holding': 'البيان الأوّلي',
    'used.draft.reply': 'الرد على أوائل المشتكين',
    'used.draft.brief': 'المذكرة الداخلية',
    'used.recorded': 'سُجّل: استعمل {user} {draft} (رقم {n}). يبيّن ذلك تقرير الحادث.',
    'used.already': 'سبق أن عُلّم {draft} مستعمَلًا، بواسطة {user} في {at}.',
    'used.error.number': '«{value}» ليس ردًّا مقترحًا: اكتبوا 1 (البيان الأوّلي) أو 2 (الرد على أوائل المشتكين) أو 3 (المذكرة الداخلية).',
    'used.button': 'استعملناه',
    'used.hint': 'هل استعملتم أحدها؟ اكتبوا `used {incident} 1` للبيان الأوّلي، أو 2 للرد، أو 3 للمذكرة الداخلية: يبيّن ذلك التقرير.',
    'used.mark': 'استعمله {user} في {at}',
    'used.asUsed': 'النص كما استُعمل:',
    'used.event': 'استعمل {user} ردًّا مقترحًا: {draft}',
    'used.history': '  ✓ الردود المقترحة المستعملة: {n}',
  },
);
