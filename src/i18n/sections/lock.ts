import { defineSection } from '../section.js';

/** One writer per data folder, and data files that are refused rather than overwritten (README, "One writer, nothing lost"). */
export const lock = defineSection(
  {
    'lock.held':
      'The data folder {dir} is in use by a running Vigie ({owner}, pid {pid}, since {since}): one process writes a data folder at a time, so this one did not start. Stop the other first, or give this one another VIGIE_DATA_DIR. Chat commands, `vigie import` and `vigie export` are carried out through the running bot.',
    'lock.heldElsewhere':
      'The data folder {dir} is locked by pid {pid} on another machine or container ({host}, {owner}, since {since}): nothing was done. A lock without a sign of life for {abandoned} s is taken over; to take it now, make sure no Vigie runs there and delete {file}.',
    'lock.heldUnknown': 'The data folder {dir} is locked by another process that keeps changing it: nothing was done. Try again.',
    'lock.busy':
      'The data folder {dir} is in use by {owner} (pid {pid}, since {since}), which takes no commands from outside: nothing was done. Try again once it has finished.',
    'lock.control.failed':
      'The running Vigie (pid {pid}) did not answer ({reason}): whether the command was carried out is unknown; check with `vigie list` or `vigie status`.',
    'lock.control.refused': 'The running Vigie (pid {pid}) refused the command: {reason}',
    'lock.dataFile.unreadable':
      'The data file {file} cannot be read ({reason}): Vigie did not start, and the file was left untouched. Check its permissions, or restore it from a backup.',
    'lock.dataFile.notJson':
      'The data file {file} is not valid JSON ({reason}): Vigie did not start, and the file was left untouched. Restore it from a backup, or move it away to start empty.',
    'lock.dataFile.notStore':
      "The data file {file} holds a JSON {what} instead of Vigie's data: Vigie did not start, and the file was left untouched. Restore it from a backup, or move it away to start empty.",
  },
  {
    'lock.held':
      "Le dossier de données {dir} est utilisé par un Vigie en marche ({owner}, pid {pid}, depuis {since}) : un seul processus écrit dans un dossier de données, celui-ci n'a donc pas démarré. Arrêtez l'autre d'abord, ou donnez à celui-ci un autre VIGIE_DATA_DIR. Les commandes de chat, `vigie import` et `vigie export` passent par le bot en marche.",
    'lock.heldElsewhere':
      "Le dossier de données {dir} est verrouillé par le pid {pid} sur une autre machine ou un autre conteneur ({host}, {owner}, depuis {since}) : rien n'a été fait. Un verrou sans signe de vie depuis {abandoned} s est repris ; pour le reprendre tout de suite, vérifiez qu'aucun Vigie n'y tourne et supprimez {file}.",
    'lock.heldUnknown':
      "Le dossier de données {dir} est verrouillé par un autre processus qui ne cesse de le modifier : rien n'a été fait. Réessayez.",
    'lock.busy':
      "Le dossier de données {dir} est utilisé par {owner} (pid {pid}, depuis {since}), qui ne prend pas de commandes de l'extérieur : rien n'a été fait. Réessayez quand il aura fini.",
    'lock.control.failed':
      "Le Vigie en marche (pid {pid}) n'a pas répondu ({reason}) : on ne sait pas si la commande a été exécutée ; vérifiez avec `vigie list` ou `vigie status`.",
    'lock.control.refused': 'Le Vigie en marche (pid {pid}) a refusé la commande : {reason}',
    'lock.dataFile.unreadable':
      "Le fichier de données {file} ne peut pas être lu ({reason}) : Vigie n'a pas démarré et le fichier est resté intact. Vérifiez ses droits, ou restaurez-le depuis une sauvegarde.",
    'lock.dataFile.notJson':
      "Le fichier de données {file} n'est pas du JSON valide ({reason}) : Vigie n'a pas démarré et le fichier est resté intact. Restaurez-le depuis une sauvegarde, ou déplacez-le pour repartir à vide.",
    'lock.dataFile.notStore':
      "Le fichier de données {file} contient un {what} JSON au lieu des données de Vigie : Vigie n'a pas démarré et le fichier est resté intact. Restaurez-le depuis une sauvegarde, ou déplacez-le pour repartir à vide.",
  },
  {
    'lock.held':
      'مجلد البيانات {dir} مستعمل من قِبل Vigie قيد التشغيل ({owner}، معرّف العملية {pid}، منذ {since}): لا تكتب في مجلد البيانات إلا عملية واحدة في كل مرة، لذا لم تبدأ هذه العملية. أوقفوا العملية الأخرى أولًا، أو أعطوا هذه العملية VIGIE_DATA_DIR آخر. تُنفَّذ أوامر الدردشة و `vigie import` و `vigie export` عبر الروبوت قيد التشغيل.',
    'lock.heldElsewhere':
      'مجلد البيانات {dir} مقفل من قِبل العملية ذات المعرّف {pid} على جهاز آخر أو حاوية أخرى ({host}، {owner}، منذ {since}): لم يُنفَّذ شيء. يُستولى على القفل إذا لم تظهر عليه أي علامة نشاط مدة {abandoned} ثانية؛ للاستيلاء عليه الآن، تأكّدوا من أنه لا يعمل هناك أي Vigie، ثم احذفوا {file}.',
    'lock.heldUnknown': 'مجلد البيانات {dir} مقفل من قِبل عملية أخرى لا تكفّ عن تغييره: لم يُنفَّذ شيء. أعيدوا المحاولة.',
    'lock.busy':
      'مجلد البيانات {dir} مستعمل من قِبل {owner} (معرّف العملية {pid}، منذ {since})، ولا يتلقى أوامر من الخارج: لم يُنفَّذ شيء. أعيدوا المحاولة بعد أن ينتهي.',
    'lock.control.failed':
      'لم يُجب Vigie قيد التشغيل (معرّف العملية {pid}، السبب: {reason}): لا يُعرف هل نُفِّذ الأمر أم لا؛ تحقّقوا بـ `vigie list` أو `vigie status`.',
    'lock.control.refused': 'رفض Vigie قيد التشغيل (معرّف العملية {pid}) الأمر: {reason}',
    'lock.dataFile.unreadable':
      'تتعذّر قراءة ملف البيانات {file} ({reason}): لم يبدأ Vigie، وبقي الملف على حاله. تحقّقوا من صلاحيات الوصول إليه، أو استعيدوه من نسخة احتياطية.',
    'lock.dataFile.notJson':
      'ملف البيانات {file} ليس JSON صالحًا ({reason}): لم يبدأ Vigie، وبقي الملف على حاله. استعيدوه من نسخة احتياطية، أو انقلوه إلى مكان آخر ليبدأ Vigie ببيانات فارغة.',
    'lock.dataFile.notStore':
      'ملف البيانات {file} يحتوي على قيمة JSON من نوع {what} بدل بيانات Vigie: لم يبدأ Vigie، وبقي الملف على حاله. استعيدوه من نسخة احتياطية، أو انقلوه إلى مكان آخر ليبدأ Vigie ببيانات فارغة.',
  },
);
