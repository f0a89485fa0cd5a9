import { defineSection } from '../section.js';

/** What `vigie start` and `vigie <command>` say about the settings they read and the mode they chose. */
export const startup = defineSection(
  {
    'startup.envFile.read': 'Settings read from {file} (variables already set in the environment win).',
    'startup.envFile.none': 'No .env file in {folder}: settings come from the environment only.',
    'startup.envFile.unreadable': 'cannot read {file}: {reason}',
    'startup.mode.local':
      'Local mode: no Slack setting (SLACK_BOT_TOKEN, SLACK_CLIENT_ID) and no Teams setting (MICROSOFT_APP_ID, TEAMS_ENABLED) is set.',
    'startup.mode.slackSocket': 'Slack in Socket Mode: SLACK_BOT_TOKEN and SLACK_APP_TOKEN are set.',
    'startup.mode.slackHttp': 'Slack over HTTP: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set, without SLACK_APP_TOKEN.',
    'startup.mode.slackOauth': 'Slack for many workspaces (OAuth): SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET are set.',
    'startup.mode.teams': 'Microsoft Teams: MICROSOFT_APP_ID is set.',
    'startup.mode.teamsEmulator': 'Microsoft Teams without authentication (Bot Framework Emulator): TEAMS_ENABLED is set without MICROSOFT_APP_ID.',
    'startup.running.local': 'Vigie is running in local mode (data in {data}). Type "help" for the commands.',
    'startup.running.platforms': 'Vigie is running with {platforms} on port {port}, and local commands on stdin (data in {data}).',
  },
  {
    'startup.envFile.read': 'Réglages lus dans {file} (les variables déjà définies dans l’environnement l’emportent).',
    'startup.envFile.none': 'Pas de fichier .env dans {folder} : les réglages viennent de l’environnement seulement.',
    'startup.envFile.unreadable': 'impossible de lire {file} : {reason}',
    'startup.mode.local':
      'Mode local : aucun réglage Slack (SLACK_BOT_TOKEN, SLACK_CLIENT_ID) ni Teams (MICROSOFT_APP_ID, TEAMS_ENABLED) n’est défini.',
    'startup.mode.slackSocket': 'Slack en Socket Mode : SLACK_BOT_TOKEN et SLACK_APP_TOKEN sont définis.',
    'startup.mode.slackHttp': 'Slack en HTTP : SLACK_BOT_TOKEN et SLACK_SIGNING_SECRET sont définis, sans SLACK_APP_TOKEN.',
    'startup.mode.slackOauth': 'Slack pour plusieurs espaces (OAuth) : SLACK_CLIENT_ID, SLACK_CLIENT_SECRET et SLACK_STATE_SECRET sont définis.',
    'startup.mode.teams': 'Microsoft Teams : MICROSOFT_APP_ID est défini.',
    'startup.mode.teamsEmulator': 'Microsoft Teams sans authentification (Bot Framework Emulator) : TEAMS_ENABLED est défini sans MICROSOFT_APP_ID.',
    'startup.running.local': 'Vigie tourne en mode local (données dans {data}). Tapez « help » pour les commandes.',
    'startup.running.platforms': 'Vigie tourne avec {platforms} sur le port {port}, et les commandes locales sur stdin (données dans {data}).',
  },
  {
    'startup.envFile.read': 'قُرئت الإعدادات من {file} (المتغيرات المعرّفة مسبقاً في البيئة لها الأولوية).',
    'startup.envFile.none': 'لا يوجد ملف .env في {folder}: الإعدادات مأخوذة من البيئة فقط.',
    'startup.envFile.unreadable': 'تعذّرت قراءة {file}: {reason}',
    'startup.mode.local':
      'الوضع المحلي: لم يُعرَّف أي إعداد لـ Slack (SLACK_BOT_TOKEN، SLACK_CLIENT_ID) ولا لـ Teams (MICROSOFT_APP_ID، TEAMS_ENABLED).',
    'startup.mode.slackSocket': 'Slack بوضع Socket Mode: المتغيران SLACK_BOT_TOKEN وSLACK_APP_TOKEN معرّفان.',
    'startup.mode.slackHttp': 'Slack عبر HTTP: المتغيران SLACK_BOT_TOKEN وSLACK_SIGNING_SECRET معرّفان، دون SLACK_APP_TOKEN.',
    'startup.mode.slackOauth': 'Slack لعدة مساحات عمل (OAuth): المتغيرات SLACK_CLIENT_ID وSLACK_CLIENT_SECRET وSLACK_STATE_SECRET معرّفة.',
    'startup.mode.teams': 'Microsoft Teams: المتغير MICROSOFT_APP_ID معرّف.',
    'startup.mode.teamsEmulator': 'Microsoft Teams دون مصادقة (Bot Framework Emulator): المتغير TEAMS_ENABLED معرّف دون MICROSOFT_APP_ID.',
    'startup.running.local': 'يعمل Vigie في الوضع المحلي (البيانات في {data}). اكتب "help" لعرض الأوامر.',
    'startup.running.platforms': 'يعمل Vigie مع {platforms} على المنفذ {port}، والأوامر المحلية على stdin (البيانات في {data}).',
  },
);
