import { defineSection } from '../section.js';

/**
 * Words of the query language's errors. A QueryParseError renders as `query.error.<code>` with its detail as
 * parameters ({position}, {found}, {limit}) and {expected}: each token of `expected` rendered as
 * `query.expected.<token>`, joined by the caller. A QueryTranslateError renders as `query.translate.<code>` with
 * {target}, {limit}, {actual}.
 */
export const query = defineSection(
  {
    'query.error.empty_query': 'The query is empty: write at least one word to watch for.',
    'query.error.unexpected_token': 'Unexpected “{found}” at column {position}: expected {expected}.',
    'query.error.unexpected_end': 'The query stops too early (column {position}): expected {expected}.',
    'query.error.unterminated_phrase': 'The quote opened at column {position} is never closed.',
    'query.error.empty_phrase': 'The quotes at column {position} hold no word.',
    'query.error.no_word': '“{found}” at column {position} holds no letter or digit.',
    'query.error.detached_minus': 'The “-” at column {position} must touch what it excludes: write -word, without a space.',
    'query.error.invalid_wildcard': '“{found}” at column {position}: “*” only goes at the end of a word, as in refund*.',
    'query.error.wildcard_too_short': '“{found}” at column {position}: write at least {limit} letters before “*”.',
    'query.error.invalid_hashtag': '“{found}” at column {position} is not a hashtag: use letters, digits and “_” after “#”.',
    'query.error.invalid_handle': '“{found}” at column {position} is not an account name, like @acme or @acme@mastodon.social.',
    'query.error.invalid_lang': '“{found}” at column {position}: lang: takes a two- or three-letter language code, like lang:fr.',
    'query.error.too_long': 'The query is too long: at most {limit} characters.',
    'query.error.too_deep': 'Too many nested parentheses or negations at column {position} (at most {limit}).',
    'query.expected.term': 'a word',
    'query.expected.phrase': 'a "quoted phrase"',
    'query.expected.(': '“(”',
    'query.expected.)': '“)”',
    'query.expected."': 'a closing quote',
    'query.expected.OR': 'OR',
    'query.expected.end': 'the end of the query',
    'query.expected.word': 'a letter or digit',
    'query.expected.hashtag': 'a hashtag like #acme',
    'query.expected.handle': 'an account like @acme',
    'query.expected.lang_code': 'a language code like fr',
    'query.translate.no_positive_term':
      '{target} cannot search this query: it needs a word, phrase, #hashtag or @account to look for (exclusions and lang: alone are not enough).',
    'query.translate.too_long': 'This query is too long for {target}: {actual} characters, at most {limit}.',
    'query.translate.too_many_queries': 'This query would take {actual} separate searches on {target} (at most {limit}): use fewer OR alternatives.',
  },
  {
    'query.error.empty_query': 'La requête est vide : écrivez au moins un mot à surveiller.',
    'query.error.unexpected_token': '« {found} » inattendu à la colonne {position} : attendu {expected}.',
    'query.error.unexpected_end': 'La requête s’arrête trop tôt (colonne {position}) : attendu {expected}.',
    'query.error.unterminated_phrase': 'Le guillemet ouvert à la colonne {position} n’est jamais fermé.',
    'query.error.empty_phrase': 'Les guillemets de la colonne {position} ne contiennent aucun mot.',
    'query.error.no_word': '« {found} » à la colonne {position} ne contient ni lettre ni chiffre.',
    'query.error.detached_minus': 'Le « - » de la colonne {position} doit toucher ce qu’il exclut : écrivez -mot, sans espace.',
    'query.error.invalid_wildcard': '« {found} » à la colonne {position} : « * » ne se place qu’en fin de mot, comme dans rembours*.',
    'query.error.wildcard_too_short': '« {found} » à la colonne {position} : écrivez au moins {limit} lettres avant « * ».',
    'query.error.invalid_hashtag': '« {found} » à la colonne {position} n’est pas un hashtag : lettres, chiffres et « _ » après « # ».',
    'query.error.invalid_handle': '« {found} » à la colonne {position} n’est pas un nom de compte, comme @acme ou @acme@mastodon.social.',
    'query.error.invalid_lang': '« {found} » à la colonne {position} : lang: attend un code de langue de deux ou trois lettres, comme lang:fr.',
    'query.error.too_long': 'La requête est trop longue : {limit} caractères au plus.',
    'query.error.too_deep': 'Trop de parenthèses ou de négations imbriquées à la colonne {position} ({limit} au plus).',
    'query.expected.term': 'un mot',
    'query.expected.phrase': 'une « expression entre guillemets »',
    'query.expected.(': '« ( »',
    'query.expected.)': '« ) »',
    'query.expected."': 'un guillemet fermant',
    'query.expected.OR': 'OR',
    'query.expected.end': 'la fin de la requête',
    'query.expected.word': 'une lettre ou un chiffre',
    'query.expected.hashtag': 'un hashtag comme #acme',
    'query.expected.handle': 'un compte comme @acme',
    'query.expected.lang_code': 'un code de langue comme fr',
    'query.translate.no_positive_term':
      '{target} ne peut pas chercher cette requête : il lui faut un mot, une expression, un #hashtag ou un @compte à chercher (des exclusions ou lang: seuls ne suffisent pas).',
    'query.translate.too_long': 'Cette requête est trop longue pour {target} : {actual} caractères, {limit} au plus.',
    'query.translate.too_many_queries':
      'Cette requête demanderait {actual} recherches séparées sur {target} ({limit} au plus) : utilisez moins d’alternatives OR.',
  },
);
