import { isolate } from '../bidi.js';
import { defineSection } from '../section.js';

const pct = (v: string | number | undefined): string => `${Math.round(Number(v) * 100)}%`;

/** How a comms team works: local time, competitors counted, reminders that escalate, keyword suggestions. */
export const teamfit = defineSection(
  {
    'teamfit.show.timezone': '• time zone: {timeZone} (times below are shown in it)',
    'teamfit.show.voice.header': '• share of voice, last {days} days (mentions, share of all, negative share):',
    'teamfit.show.voice.brand': (p) => `    – ${p.name} (brand): ${p.total}, ${pct(p.share)}, ${pct(p.negativeShare)} negative`,
    'teamfit.show.voice.competitor': (p) => `    – ${p.name}: ${p.total}, ${pct(p.share)}, ${pct(p.negativeShare)} negative`,
    'teamfit.show.voice.empty': '• share of voice: no mention counted in the last {days} days',
    'teamfit.show.competitor_alerts': "• competitor alerts: on (a competitor's own crisis is posted here as context)",
    'teamfit.show.remind': '• reminders: after {delay} for {severity} alerts and above, then a direct message to each escalation contact',
    'teamfit.competitor.title': 'ℹ️ Context for {plan}: {competitor}, a competitor you watch, has its own incident',
    'teamfit.competitor.body': '{negative} negative mentions of {competitor} in {window} (about {expected} expected), stage {stage}/4.',
    'teamfit.competitor.advice':
      "A competitor's incident may spill over to your sector: watch your own mentions on the same topic and check your exposure. This is not your incident; no action is required.",
    'teamfit.remind.thread':
      '⏰ Reminder: this {level} alert of *{plan}* has had no acknowledgement for {waited}. {mentions}, please acknowledge, mute or mark it "not a crisis".',
    'teamfit.remind.nobody':
      '⏰ Reminder: this {level} alert of *{plan}* has had no acknowledgement for {waited}. Nobody is on the escalation list: `set {plan} escalation @someone`.',
    'teamfit.remind.direct':
      '⏰ Vigie: a {level} alert of *{plan}* ({negative} negative mentions) has had no acknowledgement for {waited}. You are on its escalation list: please look at it in the alert channel.',
    'teamfit.suggest.header': 'Keyword suggestions for *{plan}* from the last {days} days ({matched} matched mentions, {negative} negative):',
    'teamfit.suggest.add': '• add `{term}`: in {count} negative posts about the brand, not in the query (score {score})',
    'teamfit.suggest.exclude': '• exclude `{term}`: in {count} matches that look off-topic (score {score})',
    'teamfit.suggest.none': 'No suggestion for *{plan}*: too few matched mentions in the last {days} days ({matched}).',
    'teamfit.suggest.confirm': 'To apply one, type it (or click its button):',
    'teamfit.suggest.command': '    {command}',
    'teamfit.suggest.button.add': 'Add {term}',
    'teamfit.suggest.button.exclude': 'Exclude {term}',
  },
  {
    'teamfit.show.timezone': '• fuseau horaire : {timeZone} (les heures ci-dessous y sont données)',
    'teamfit.show.voice.header': '• part de voix, {days} derniers jours (mentions, part du total, part négative) :',
    'teamfit.show.voice.brand': (p) => `    – ${p.name} (marque) : ${p.total}, ${pct(p.share)}, ${pct(p.negativeShare)} négatives`,
    'teamfit.show.voice.competitor': (p) => `    – ${p.name} : ${p.total}, ${pct(p.share)}, ${pct(p.negativeShare)} négatives`,
    'teamfit.show.voice.empty': '• part de voix : aucune mention comptée ces {days} derniers jours',
    'teamfit.show.competitor_alerts': "• alertes concurrents : activées (la crise propre d'un concurrent est signalée ici, pour contexte)",
    'teamfit.show.remind': "• rappels : après {delay} pour les alertes {severity} et au-delà, puis un message direct à chaque contact d'escalade",
    'teamfit.competitor.title': 'ℹ️ Contexte pour {plan} : {competitor}, un concurrent que vous suivez, a son propre incident',
    'teamfit.competitor.body': '{negative} mentions négatives de {competitor} en {window} (environ {expected} attendues), étape {stage}/4.',
    'teamfit.competitor.advice':
      "L'incident d'un concurrent peut déborder sur votre secteur : surveillez vos propres mentions sur le même sujet et vérifiez votre exposition. Ce n'est pas votre incident ; aucune action n'est requise.",
    'teamfit.remind.thread':
      '⏰ Rappel : cette alerte {level} de *{plan}* attend une prise en charge depuis {waited}. {mentions}, merci de la prendre en charge, la mettre en sourdine ou la marquer « pas une crise ».',
    'teamfit.remind.nobody':
      "⏰ Rappel : cette alerte {level} de *{plan}* attend une prise en charge depuis {waited}. Personne n'est dans la liste d'escalade : `set {plan} escalation @quelqu'un`.",
    'teamfit.remind.direct':
      "⏰ Vigie : une alerte {level} de *{plan}* ({negative} mentions négatives) attend une prise en charge depuis {waited}. Vous êtes dans sa liste d'escalade : merci de la consulter dans le canal d'alerte.",
    'teamfit.suggest.header':
      'Suggestions de mots-clés pour *{plan}* sur les {days} derniers jours ({matched} mentions retenues, {negative} négatives) :',
    'teamfit.suggest.add': '• ajouter `{term}` : dans {count} messages négatifs sur la marque, absent de la requête (score {score})',
    'teamfit.suggest.exclude': '• exclure `{term}` : dans {count} mentions qui semblent hors sujet (score {score})',
    'teamfit.suggest.none': 'Aucune suggestion pour *{plan}* : trop peu de mentions retenues ces {days} derniers jours ({matched}).',
    'teamfit.suggest.confirm': 'Pour en appliquer une, tapez-la (ou cliquez sur son bouton) :',
    'teamfit.suggest.command': '    {command}',
    'teamfit.suggest.button.add': 'Ajouter {term}',
    'teamfit.suggest.button.exclude': 'Exclure {term}',
  },
  {
    'teamfit.show.timezone': '• المنطقة الزمنية: {timeZone} (الأوقات أدناه معروضة بها)',
    'teamfit.show.voice.header': '• حصة الحضور، آخر {days} أيام (الإشارات، الحصة من المجموع، حصة السلبية):',
    'teamfit.show.voice.brand': (p) =>
      `    – ${isolate(String(p.name))} (العلامة التجارية): ${isolate(String(p.total))}، ${isolate(pct(p.share))}، ${isolate(pct(p.negativeShare))} سلبية`,
    'teamfit.show.voice.competitor': (p) =>
      `    – ${isolate(String(p.name))}: ${isolate(String(p.total))}، ${isolate(pct(p.share))}، ${isolate(pct(p.negativeShare))} سلبية`,
    'teamfit.show.voice.empty': '• حصة الحضور: لم تُحسب أي إشارة في آخر {days} أيام',
    'teamfit.show.competitor_alerts': '• تنبيهات المنافسين: مفعّلة (تُنشر هنا أزمة المنافس الخاصة به للسياق)',
    'teamfit.show.remind': '• التذكيرات: بعد {delay} للتنبيهات من مستوى {severity} فما فوق، ثم رسالة مباشرة إلى كل جهة تصعيد',
    'teamfit.competitor.title': 'ℹ️ سياق لخطة {plan}: لدى {competitor}، وهو منافس تتابعونه، حادثة خاصة به',
    'teamfit.competitor.body': '{negative} إشارة سلبية إلى {competitor} خلال {window} (المتوقع نحو {expected})، المرحلة {stage}/4.',
    'teamfit.competitor.advice':
      'قد تمتد حادثة منافس إلى قطاعكم: راقبوا إشاراتكم الخاصة حول الموضوع نفسه وتحققوا من مدى تعرضكم. هذه ليست حادثتكم؛ لا يلزم أي إجراء.',
    'teamfit.remind.thread':
      '⏰ تذكير: تنبيه {level} هذا لخطة *{plan}* بلا إقرار منذ {waited}. {mentions}، يُرجى الإقرار به أو كتمه أو وسمه «ليست أزمة».',
    'teamfit.remind.nobody':
      '⏰ تذكير: تنبيه {level} هذا لخطة *{plan}* بلا إقرار منذ {waited}. لا أحد في قائمة التصعيد: `set {plan} escalation @someone`.',
    'teamfit.remind.direct':
      '⏰ Vigie: تنبيه {level} لخطة *{plan}* ({negative} إشارة سلبية) بلا إقرار منذ {waited}. أنتم في قائمة تصعيده: يُرجى الاطلاع عليه في قناة التنبيهات.',
    'teamfit.suggest.header': 'اقتراحات كلمات مفتاحية لخطة *{plan}* من آخر {days} أيام ({matched} إشارة مطابقة، منها {negative} سلبية):',
    'teamfit.suggest.add': '• أضيفوا `{term}`: في {count} منشورًا سلبيًا عن العلامة التجارية، وليست في الاستعلام (الدرجة {score})',
    'teamfit.suggest.exclude': '• استبعدوا `{term}`: في {count} إشارة تبدو خارج الموضوع (الدرجة {score})',
    'teamfit.suggest.none': 'لا اقتراحات لخطة *{plan}*: الإشارات المطابقة في آخر {days} أيام قليلة جدًا ({matched}).',
    'teamfit.suggest.confirm': 'لتطبيق أحدها، اكتبوه (أو انقروا على زره):',
    'teamfit.suggest.command': '    {command}',
    'teamfit.suggest.button.add': 'إضافة {term}',
    'teamfit.suggest.button.exclude': 'استبعاد {term}',
  },
);
