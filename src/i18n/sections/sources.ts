import { defineSection } from '../section.js';
import { arabicPlural } from '../arabic-plural.js';

/** Source kinds: what each needs and costs, and the words of `status` about limits, budgets and credentials. */
export const sources = defineSection(
  {
    'src.kind.x': 'X (Twitter) recent search. Needs X_BEARER_TOKEN; every post read is billed, so each plan reads at most X_DAILY_READS posts a day.',
    'src.kind.bluesky': 'Bluesky post search. Needs BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password); free.',
    'src.kind.bluesky-stream': 'Bluesky firehose (Jetstream), filtered by the plan’s query. No account; free.',
    'src.kind.mastodon': 'Mastodon hashtag timelines (and search where the instance allows it). No account; argument: an instance.',
    'src.kind.reddit':
      'Reddit search or a subreddit (argument r/name). RSS without account; REDDIT_CLIENT_ID and REDDIT_CLIENT_SECRET add scores and comment counts.',
    'src.kind.hn': 'Hacker News stories and comments, with points and comment counts. No account; free.',
    'src.kind.youtube':
      'YouTube: a channel’s videos (argument: channel id), or keyword search with YOUTUBE_API_KEY (100 quota units a search, 10,000 a day).',
    'src.kind.gdelt': 'World news in 65 languages (GDELT). No account; free.',
    'src.kind.petitions':
      'Petitions (change.org, Avaaz, MesOpinions, openPetition, UK Parliament): found in links and news; UK signature counts followed.',
    'src.missing': '{kind} is off: add {setting} to the environment (see .env.example) to turn it on.',
    'src.usage.reads': '{used} of {limit} reads used today, {left} left; resets at {resetsAt}',
    'src.usage.units': '{used} of {limit} quota units used today, {left} left; resets at {resetsAt}',
    'src.budget.slowed': 'polling slowed so that the daily budget lasts; next poll at {at}',
    'src.budget.spent': 'daily budget spent; polling resumes at {resetsAt}',
    'src.rate_limited': '{host} asked Vigie to slow down; next poll at {at}',
    'src.unauthorized': '{host} refused the credentials: check {setting}',
    'src.stream.down': 'the Bluesky firehose has been disconnected since {since}; reconnecting',
    'src.test.partial': '⚠ {source}: read in part ({detail})',
    'src.status.down': '  health: source down, failing ({failures}×): {error}; next try after {retry}',
    'src.status.unreadable': '  health: the source answered with something Vigie could not read ({failures}×): {error}; next try after {retry}',
    'src.status.skipped': ({ count, detail }) =>
      `  health: OK, but ${count} item${count === 1 ? ' was' : 's were'} skipped because they could not be read (${detail})`,
    'src.status.cut': '  health: OK, but the answer broke off before its end; the items before the break were kept ({detail})',
    'src.status.layout': ({ count, pages }) =>
      `  health: OK, but ${count === 1 ? 'one petition page has' : `${count} petition pages have`} a layout Vigie does not understand: no signature count is reported for ${pages}`,
    'src.error.timeout': 'no answer in time ({detail})',
    'src.error.too_large': 'response too large ({detail})',
    'src.error.http_status': 'the server answered with an error ({detail})',
    'src.error.malformed': 'the response could not be read ({detail})',
    'src.error.blocked_address': 'address refused: private or local network ({detail})',
    'src.error.unreachable': 'unreachable ({detail})',
    'src.error.unauthorized': 'credentials refused ({detail})',
    'src.error.rate_limited': 'rate limited by the platform ({detail})',
    'src.error.missing_credentials': 'credentials missing ({detail})',
    'src.error.invalid_argument': 'invalid source argument ({detail})',
    'src.error.budget_exhausted': 'daily budget spent ({detail})',
    'src.error.unavailable_kind': '{kind} is not available in this version',
    'src.error.other': '{detail}',
    'src.arg.none': '{kind} takes no argument: it searches the plan’s own query',
    'src.arg.feed_needed': 'a feed URL is needed. Usage: `source <plan> {kind} <feed URL>`, e.g. `source acme {kind} https://example.com/feed.xml`',
    'src.arg.not_url':
      '"{arg}" is not an http(s) URL. Usage: `source <plan> {kind} <feed URL>`, e.g. `source acme {kind} https://example.com/feed.xml`',
    'src.arg.galerts':
      '"{arg}" is not a Google Alerts feed. Usage: `source <plan> galerts <feed URL or user/id>`; create the alert with "Deliver to: RSS feed" and copy its feed link',
    'src.arg.galerts_needed':
      'a Google Alerts feed is needed. Usage: `source <plan> galerts <feed URL or user/id>`; create the alert with "Deliver to: RSS feed" and copy its feed link',
    'src.arg.mastodon': '"{arg}" is not a Mastodon instance: give its host name, e.g. mastodon.social',
    'src.arg.gnews':
      '"{arg}" is not a news locale. Usage: `source <plan> gnews [locale]`, e.g. `source acme gnews fr-MA` (language-COUNTRY; default: the plan’s language)',
    'src.arg.reddit':
      '"{arg}" is not a subreddit. Usage: `source <plan> reddit [subreddit]`, e.g. `source acme reddit r/acme` (without it: a search of all Reddit)',
    'src.arg.youtube':
      '"{arg}" is not a YouTube channel id. Usage: `source <plan> youtube [channel id]`, e.g. `source acme youtube UCxxxxxxxxxxxxxxxxxxxxxx` (without it: keyword search, which needs YOUTUBE_API_KEY)',
    'src.arg.youtube_key': 'youtube needs a channel id, or YOUTUBE_API_KEY for keyword search. Usage: `source <plan> youtube [channel id]`',
    'src.arg.petition':
      '"{arg}" is not a petition page on {sites}. Usage: `source <plan> petitions [petition URL]`, e.g. `source acme petitions https://petition.parliament.uk/petitions/700001`',
  },
  {
    'src.kind.x':
      'Recherche récente X (Twitter). Nécessite X_BEARER_TOKEN ; chaque post lu est facturé, donc chaque plan lit au plus X_DAILY_READS posts par jour.',
    'src.kind.bluesky': 'Recherche de posts Bluesky. Nécessite BLUESKY_HANDLE et BLUESKY_APP_PASSWORD (un mot de passe d’application) ; gratuit.',
    'src.kind.bluesky-stream': 'Flux complet de Bluesky (Jetstream), filtré par la requête du plan. Sans compte ; gratuit.',
    'src.kind.mastodon': 'Fils de hashtags Mastodon (et recherche quand l’instance l’autorise). Sans compte ; argument : une instance.',
    'src.kind.reddit':
      'Recherche Reddit ou un subreddit (argument r/nom). RSS sans compte ; REDDIT_CLIENT_ID et REDDIT_CLIENT_SECRET ajoutent scores et nombres de commentaires.',
    'src.kind.hn': 'Articles et commentaires de Hacker News, avec points et nombre de commentaires. Sans compte ; gratuit.',
    'src.kind.youtube':
      'YouTube : les vidéos d’une chaîne (argument : identifiant de chaîne), ou recherche par mots-clés avec YOUTUBE_API_KEY (100 unités de quota par recherche, 10 000 par jour).',
    'src.kind.gdelt': 'Presse mondiale en 65 langues (GDELT). Sans compte ; gratuit.',
    'src.kind.petitions':
      'Pétitions (change.org, Avaaz, MesOpinions, openPetition, Parlement britannique) : trouvées dans les liens et la presse ; signatures britanniques suivies.',
    'src.missing': '{kind} est désactivée : ajoutez {setting} à l’environnement (voir .env.example) pour l’activer.',
    'src.usage.reads': '{used} lectures sur {limit} utilisées aujourd’hui, {left} restantes ; remise à zéro à {resetsAt}',
    'src.usage.units': '{used} unités de quota sur {limit} utilisées aujourd’hui, {left} restantes ; remise à zéro à {resetsAt}',
    'src.budget.slowed': 'interrogation ralentie pour que le budget du jour tienne ; prochaine à {at}',
    'src.budget.spent': 'budget du jour épuisé ; reprise à {resetsAt}',
    'src.rate_limited': '{host} demande à Vigie de ralentir ; prochaine interrogation à {at}',
    'src.unauthorized': '{host} refuse les identifiants : vérifiez {setting}',
    'src.stream.down': 'le flux Bluesky est déconnecté depuis {since} ; reconnexion en cours',
    'src.test.partial': '⚠ {source} : lu en partie ({detail})',
    'src.status.down': '  état : source en panne, en échec ({failures}×) : {error} ; nouvel essai après {retry}',
    'src.status.unreadable':
      '  état : la source a répondu quelque chose que Vigie ne sait pas lire ({failures}×) : {error} ; nouvel essai après {retry}',
    'src.status.skipped': ({ count, detail }) =>
      `  état : OK, mais ${count === 1 ? 'un élément illisible a été ignoré' : `${count} éléments illisibles ont été ignorés`} (${detail})`,
    'src.status.cut': '  état : OK, mais la réponse s’interrompt avant sa fin ; les éléments d’avant la coupure sont gardés ({detail})',
    'src.status.layout': ({ count, pages }) =>
      `  état : OK, mais ${count === 1 ? 'une page de pétition a une mise en page' : `${count} pages de pétition ont une mise en page`} que Vigie ne comprend pas : aucun nombre de signatures n’est donné pour ${pages}`,
    'src.error.timeout': 'pas de réponse à temps ({detail})',
    'src.error.too_large': 'réponse trop volumineuse ({detail})',
    'src.error.http_status': 'le serveur a répondu par une erreur ({detail})',
    'src.error.malformed': 'réponse illisible ({detail})',
    'src.error.blocked_address': 'adresse refusée : réseau privé ou local ({detail})',
    'src.error.unreachable': 'injoignable ({detail})',
    'src.error.unauthorized': 'identifiants refusés ({detail})',
    'src.error.rate_limited': 'limité par la plateforme ({detail})',
    'src.error.missing_credentials': 'identifiants manquants ({detail})',
    'src.error.invalid_argument': 'argument de source invalide ({detail})',
    'src.error.budget_exhausted': 'budget du jour épuisé ({detail})',
    'src.error.unavailable_kind': '{kind} n’est pas disponible dans cette version',
    'src.error.other': '{detail}',
    'src.arg.none': '{kind} ne prend pas d’argument : elle cherche la requête du plan',
    'src.arg.feed_needed':
      'il faut l’URL d’un flux. Usage : `source <plan> {kind} <URL du flux>`, p. ex. `source acme {kind} https://example.com/feed.xml`',
    'src.arg.not_url':
      '« {arg} » n’est pas une URL http(s). Usage : `source <plan> {kind} <URL du flux>`, p. ex. `source acme {kind} https://example.com/feed.xml`',
    'src.arg.galerts':
      '« {arg} » n’est pas un flux Google Alertes. Usage : `source <plan> galerts <URL du flux ou utilisateur/id>` ; créez l’alerte avec « Envoyer à : flux RSS » et copiez le lien du flux',
    'src.arg.galerts_needed':
      'il faut un flux Google Alertes. Usage : `source <plan> galerts <URL du flux ou utilisateur/id>` ; créez l’alerte avec « Envoyer à : flux RSS » et copiez le lien du flux',
    'src.arg.mastodon': '« {arg} » n’est pas une instance Mastodon : donnez son nom d’hôte, p. ex. mastodon.social',
    'src.arg.gnews':
      '« {arg} » n’est pas une langue-région d’actualités. Usage : `source <plan> gnews [langue-PAYS]`, p. ex. `source acme gnews fr-MA` (par défaut : la langue du plan)',
    'src.arg.reddit':
      '« {arg} » n’est pas un subreddit. Usage : `source <plan> reddit [subreddit]`, p. ex. `source acme reddit r/acme` (sans argument : une recherche dans tout Reddit)',
    'src.arg.youtube':
      '« {arg} » n’est pas un identifiant de chaîne YouTube. Usage : `source <plan> youtube [id de chaîne]`, p. ex. `source acme youtube UCxxxxxxxxxxxxxxxxxxxxxx` (sans argument : recherche par mots-clés, qui nécessite YOUTUBE_API_KEY)',
    'src.arg.youtube_key':
      'youtube a besoin d’un identifiant de chaîne, ou de YOUTUBE_API_KEY pour la recherche par mots-clés. Usage : `source <plan> youtube [id de chaîne]`',
    'src.arg.petition':
      '« {arg} » n’est pas une page de pétition sur {sites}. Usage : `source <plan> petitions [URL de la pétition]`, p. ex. `source acme petitions https://petition.parliament.uk/petitions/700001`',
  },
  {
    'src.kind.x': 'البحث الحديث في X (تويتر). يتطلب X_BEARER_TOKEN؛ كل منشور يُقرأ يُفوتَر، لذا لا تقرأ كل خطة أكثر من X_DAILY_READS منشورًا في اليوم.',
    'src.kind.bluesky': 'البحث في منشورات Bluesky. يتطلب BLUESKY_HANDLE و BLUESKY_APP_PASSWORD (كلمة مرور تطبيق)؛ مجاني.',
    'src.kind.bluesky-stream': 'التدفق الكامل لـ Bluesky (Jetstream)، مُصفّى باستعلام الخطة. دون حساب؛ مجاني.',
    'src.kind.mastodon': 'خيوط الوسوم في Mastodon (والبحث حيث يسمح به الخادم). دون حساب؛ المعطى: خادم Mastodon.',
    'src.kind.reddit':
      'البحث في Reddit أو في subreddit (المعطى r/name). عبر RSS دون حساب؛ يضيف REDDIT_CLIENT_ID و REDDIT_CLIENT_SECRET النقاط وعدد التعليقات.',
    'src.kind.hn': 'مقالات Hacker News وتعليقاتها، مع النقاط وعدد التعليقات. دون حساب؛ مجاني.',
    'src.kind.youtube': 'YouTube: فيديوهات قناة (المعطى: معرّف القناة)، أو البحث بالكلمات مع YOUTUBE_API_KEY (100 وحدة حصة لكل بحث، و10000 في اليوم).',
    'src.kind.gdelt': 'الصحافة العالمية بـ 65 لغة (GDELT). دون حساب؛ مجاني.',
    'src.kind.petitions':
      'العرائض (change.org، Avaaz، MesOpinions، openPetition، البرلمان البريطاني): تُكتشف في الروابط والصحافة؛ ويُتابَع عدد التوقيعات البريطانية.',
    'src.missing': '{kind} معطّل: أضيفوا {setting} إلى البيئة (انظروا .env.example) لتفعيله.',
    'src.usage.reads': 'القراءات المستعملة اليوم {used} من {limit}، والمتبقي {left}؛ إعادة الضبط في {resetsAt}',
    'src.usage.units': 'وحدات الحصة المستعملة اليوم {used} من {limit}، والمتبقي {left}؛ إعادة الضبط في {resetsAt}',
    'src.budget.slowed': 'أُبطئ الجلب لتكفي ميزانية اليوم؛ الجلب المقبل في {at}',
    'src.budget.spent': 'نفدت ميزانية اليوم؛ يُستأنف الجلب في {resetsAt}',
    'src.rate_limited': 'طلب {host} من Vigie الإبطاء؛ الجلب المقبل في {at}',
    'src.unauthorized': 'رفض {host} بيانات الاعتماد: تحقّقوا من {setting}',
    'src.stream.down': 'تدفق Bluesky مقطوع منذ {since}؛ إعادة الاتصال جارية',
    'src.test.partial': '⚠ {source}: قُرئ جزئيًا ({detail})',
    'src.status.down': '  الحالة: المصدر معطّل، متعثّر ({failures}×): {error}؛ محاولة جديدة بعد {retry}',
    'src.status.unreadable': '  الحالة: أجاب المصدر بشيء لم يستطع Vigie قراءته ({failures}×): {error}؛ محاولة جديدة بعد {retry}',
    'src.status.skipped': ({ count, detail }) =>
      `  الحالة: سليمة، لكن أُهمِل ${arabicPlural(count, { one: 'عنصر واحد', two: 'عنصران', few: '{n} عناصر', many: '{n} عنصرًا', other: '{n} عنصر' })} لتعذّر القراءة (${detail})`,
    'src.status.cut': '  الحالة: سليمة، لكن الرد انقطع قبل نهايته؛ احتُفظ بالعناصر السابقة للانقطاع ({detail})',
    'src.status.layout': ({ count, pages }) =>
      `  الحالة: سليمة، لكنّ Vigie لا يفهم تنسيق ${arabicPlural(count, { one: 'صفحة عريضة واحدة', two: 'صفحتين من صفحات العرائض', few: '{n} صفحات عرائض', many: '{n} صفحة عريضة', other: '{n} صفحة عريضة' })}: لا يُذكر عدد التوقيعات لـ ${pages}`,
    'src.error.timeout': 'لا رد في الوقت المحدد ({detail})',
    'src.error.too_large': 'الرد كبير جدًا ({detail})',
    'src.error.http_status': 'أجاب الخادم بخطأ ({detail})',
    'src.error.malformed': 'تعذّرت قراءة الرد ({detail})',
    'src.error.blocked_address': 'عنوان مرفوض: شبكة خاصة أو محلية ({detail})',
    'src.error.unreachable': 'يتعذّر الوصول إليه ({detail})',
    'src.error.unauthorized': 'بيانات الاعتماد مرفوضة ({detail})',
    'src.error.rate_limited': 'حدّت المنصة من وتيرة الطلبات ({detail})',
    'src.error.missing_credentials': 'بيانات الاعتماد ناقصة ({detail})',
    'src.error.invalid_argument': 'معطى المصدر غير صالح ({detail})',
    'src.error.budget_exhausted': 'نفدت ميزانية اليوم ({detail})',
    'src.error.unavailable_kind': '{kind} غير متاح في هذه النسخة',
    'src.error.other': '{detail}',
    'src.arg.none': 'لا يأخذ {kind} أي معطى: فهو يبحث باستعلام الخطة نفسه',
    'src.arg.feed_needed': 'يلزم رابط خلاصة. الاستعمال: `source <plan> {kind} <feed URL>`، مثلًا `source acme {kind} https://example.com/feed.xml`',
    'src.arg.not_url':
      '«{arg}» ليس رابط http(s). الاستعمال: `source <plan> {kind} <feed URL>`، مثلًا `source acme {kind} https://example.com/feed.xml`',
    'src.arg.galerts':
      '«{arg}» ليس خلاصة تنبيهات Google. الاستعمال: `source <plan> galerts <feed URL or user/id>`؛ أنشئوا التنبيه مع «Deliver to: RSS feed» وانسخوا رابط خلاصته',
    'src.arg.galerts_needed':
      'تلزم خلاصة تنبيهات Google. الاستعمال: `source <plan> galerts <feed URL or user/id>`؛ أنشئوا التنبيه مع «Deliver to: RSS feed» وانسخوا رابط خلاصته',
    'src.arg.mastodon': '«{arg}» ليس خادم Mastodon: أعطوا اسم المضيف، مثلًا mastodon.social',
    'src.arg.gnews':
      '«{arg}» ليس لغة-منطقة أخبار. الاستعمال: `source <plan> gnews [locale]`، مثلًا `source acme gnews ar-MA` (لغة-بلد؛ افتراضيًا: لغة الخطة)',
    'src.arg.reddit':
      '«{arg}» ليس subreddit. الاستعمال: `source <plan> reddit [subreddit]`، مثلًا `source acme reddit r/acme` (بدونه: بحث في كل Reddit)',
    'src.arg.youtube':
      '«{arg}» ليس معرّف قناة YouTube. الاستعمال: `source <plan> youtube [channel id]`، مثلًا `source acme youtube UCxxxxxxxxxxxxxxxxxxxxxx` (بدونه: بحث بالكلمات يتطلب YOUTUBE_API_KEY)',
    'src.arg.youtube_key': 'يحتاج youtube إلى معرّف قناة، أو إلى YOUTUBE_API_KEY للبحث بالكلمات. الاستعمال: `source <plan> youtube [channel id]`',
    'src.arg.petition':
      '«{arg}» ليست صفحة عريضة على {sites}. الاستعمال: `source <plan> petitions [petition URL]`، مثلًا `source acme petitions https://petition.parliament.uk/petitions/700001`',
  },
);
