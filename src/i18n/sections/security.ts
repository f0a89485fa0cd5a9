import { arabicPlural } from '../arabic-plural.js';
import { isolate } from '../bidi.js';
import { defineSection } from '../section.js';

const n = (p: Record<string, string | number>, name: string): number => Number(p[name] ?? 0);

/** Words of the security edges: secrets at rest, HTTP errors answered to callers, start-up refusals. */
export const security = defineSection(
  {
    'security.rotate.summary': 'seal every stored workspace token again with VIGIE_SECRET_KEY (after setting or changing the key)',
    'security.rotate.noKey': 'VIGIE_SECRET_KEY is not set: there is no key to seal the tokens with. Generate one with `openssl rand -base64 32`.',
    'security.rotate.failed': 'the tokens of {key} could not be opened ({code}): set the key that sealed them as VIGIE_SECRET_KEY_PREVIOUS',
    'security.rotate.done': (p) =>
      `${n(p, 'sealed') === 1 ? '1 installation sealed' : `${n(p, 'sealed')} installations sealed`} with the current key, ${n(p, 'current')} already current, ${n(p, 'failed')} failed (${p.store}).`,
    'security.http.badJson': 'The request body is not valid JSON.',
    'security.http.tooLarge': 'The request body is too large.',
    'security.http.badRequest': 'The request could not be read.',
    'security.http.internal': 'Vigie could not handle this request; it is logged with its request id.',
    'security.http.portBusy':
      'Port {port} on {host} is already in use (another Vigie, or another program): stop it or set PORT to a free port. Vigie did not start.',
    'security.http.listenFailed': 'Vigie could not listen on {host}:{port} ({code}). Vigie did not start.',
    'security.upstream.http': 'HTTP {status}: {reason}',
    'security.upstream.refused': 'access refused, check the credentials in the settings',
    'security.upstream.notFound': 'not found, check the address',
    'security.upstream.timeout': 'the server timed out',
    'security.upstream.rateLimited': 'too many requests',
    'security.upstream.serverError': 'server error, retried later',
    'security.upstream.refusedRequest': 'request refused by the server',
  },
  {
    'security.rotate.summary': 'sceller de nouveau chaque jeton d’espace de travail stocké avec VIGIE_SECRET_KEY (après avoir posé ou changé la clé)',
    'security.rotate.noKey': 'VIGIE_SECRET_KEY n’est pas défini : aucune clé pour sceller les jetons. Générez-en une avec `openssl rand -base64 32`.',
    'security.rotate.failed':
      'les jetons de {key} n’ont pas pu être ouverts ({code}) : mettez la clé qui les a scellés dans VIGIE_SECRET_KEY_PREVIOUS',
    'security.rotate.done': (p) =>
      `${n(p, 'sealed') <= 1 ? `${n(p, 'sealed')} installation scellée` : `${n(p, 'sealed')} installations scellées`} avec la clé actuelle, ${n(p, 'current')} déjà à jour, ${n(p, 'failed')} en échec (${p.store}).`,
    'security.http.badJson': 'Le corps de la requête n’est pas du JSON valide.',
    'security.http.tooLarge': 'Le corps de la requête est trop volumineux.',
    'security.http.badRequest': 'La requête n’a pas pu être lue.',
    'security.http.internal': 'Vigie n’a pas pu traiter cette requête ; elle est journalisée avec son identifiant.',
    'security.http.portBusy':
      'Le port {port} sur {host} est déjà utilisé (un autre Vigie ou un autre programme) : arrêtez-le ou réglez PORT sur un port libre. Vigie n’a pas démarré.',
    'security.http.listenFailed': 'Vigie n’a pas pu écouter sur {host}:{port} ({code}). Vigie n’a pas démarré.',
    'security.upstream.http': 'HTTP {status} : {reason}',
    'security.upstream.refused': 'accès refusé, vérifiez les identifiants dans les réglages',
    'security.upstream.notFound': 'introuvable, vérifiez l’adresse',
    'security.upstream.timeout': 'le serveur a mis trop de temps',
    'security.upstream.rateLimited': 'trop de requêtes',
    'security.upstream.serverError': 'erreur du serveur, nouvel essai plus tard',
    'security.upstream.refusedRequest': 'requête refusée par le serveur',
  },
  {
    'security.rotate.summary': 'إعادة تشفير كل رموز الوصول المخزّنة لمساحات العمل بالمفتاح VIGIE_SECRET_KEY (بعد تعيين المفتاح أو تغييره)',
    'security.rotate.noKey': 'المتغير VIGIE_SECRET_KEY غير معيّن: لا مفتاح لتشفير الرموز به. أنشئوا مفتاحًا بـ `openssl rand -base64 32`.',
    'security.rotate.failed': 'تعذّر فكّ تشفير رموز {key} ({code}): ضعوا المفتاح الذي شُفّرت به في VIGIE_SECRET_KEY_PREVIOUS',
    'security.rotate.done': (p) =>
      `أُعيد تشفير ${arabicPlural(n(p, 'sealed'), { one: 'تثبيت واحد', two: 'تثبيتين', few: '{n} تثبيتات', many: '{n} تثبيتًا', other: '{n} تثبيت' })} بالمفتاح الحالي؛ المحدَّثة أصلًا: ${n(p, 'current')}؛ الفاشلة: ${n(p, 'failed')} (${isolate(String(p.store))}).`,
    'security.http.badJson': 'متن الطلب ليس JSON صالحًا.',
    'security.http.tooLarge': 'متن الطلب كبير جدًا.',
    'security.http.badRequest': 'تعذّرت قراءة الطلب.',
    'security.http.internal': 'تعذّر على Vigie معالجة هذا الطلب؛ وقد سُجّل مع معرّفه.',
    'security.http.portBusy':
      'المنفذ {port} على {host} مستعمل أصلًا (نسخة أخرى من Vigie أو برنامج آخر): أوقفوه أو عيّنوا PORT على منفذ شاغر. لم يبدأ Vigie.',
    'security.http.listenFailed': 'تعذّر على Vigie الاستماع على {host}:{port} ({code}). لم يبدأ Vigie.',
    'security.upstream.http': 'رمز HTTP {status}: {reason}',
    'security.upstream.refused': 'الوصول مرفوض، تحقّقوا من بيانات الاعتماد في الإعدادات',
    'security.upstream.notFound': 'غير موجود، تحقّقوا من العنوان',
    'security.upstream.timeout': 'تجاوز الخادم المهلة',
    'security.upstream.rateLimited': 'طلبات كثيرة جدًا',
    'security.upstream.serverError': 'عطل في الخادم، ستُعاد المحاولة لاحقًا',
    'security.upstream.refusedRequest': 'رفض الخادم الطلب',
  },
);
