import { defineSection } from '../section.js';
import { arabicPlural } from '../arabic-plural.js';
import { isolate } from '../bidi.js';

/** Words about the limits Vigie holds to under huge input: the per-poll item cap, shown in `status`. */
export const bounds = defineSection(
  {
    'bounds.status.over_cap': ({ count, cap, total }) =>
      `  health: OK, but the last poll answered more than ${cap} items: the ${cap} newest were kept, ${count} older one${count === 1 ? ' was' : 's were'} left out (${total} since the source was added; setting VIGIE_MAX_ITEMS_PER_POLL)`,
  },
  {
    'bounds.status.over_cap': ({ count, cap, total }) =>
      `  état : OK, mais le dernier relevé a rendu plus de ${cap} éléments : les ${cap} plus récents sont gardés, ${count === 1 ? 'un plus ancien a été laissé de côté' : `${count} plus anciens ont été laissés de côté`} (${total} depuis l’ajout de la source ; réglage VIGIE_MAX_ITEMS_PER_POLL)`,
  },
  {
    'bounds.status.over_cap': ({ count, cap, total }) =>
      `  الحالة: سليمة، لكن آخر جلب أعاد أكثر من ${cap} عنصر: احتُفظ بأحدث ${cap}، وتُرك ${arabicPlural(count, { one: 'عنصر واحد أقدم', two: 'عنصران أقدم', few: '{n} عناصر أقدم', many: '{n} عنصرًا أقدم', other: '{n} عنصر أقدم' })} (${total} منذ إضافة المصدر؛ الإعداد ${isolate('VIGIE_MAX_ITEMS_PER_POLL')})`,
  },
);
