/** English function words. Negations are listed separately because they change meaning and stay matchable. */
export const NEGATIONS: ReadonlySet<string> = new Set(['not', 'no', 'never', 'nor', 'without', 'none', 'neither']);

export const FUNCTION_WORDS: ReadonlySet<string> = new Set([
  ...NEGATIONS,
  ...`a about above after again against all am an and any are as at be because been before being below between both
but by can could did do does doing down during each few for from further had has have having he her here hers herself
him himself his how i if in into is it its itself just me more most my myself of off on once only or other ought our
ours ourselves out over own same she should so some such than that the their theirs them themselves then there these
they this those through to too under until up very was we were what when where which while who whom why will with would
you your yours yourself yourselves also may might must shall us via per within upon whether though although since
unless however therefore thus hence instead rather otherwise yet either still even already because like unlike onto
toward towards across along among around behind beyond despite except inside outside near once whose whatever whichever
whoever wherever whenever let lets get gets got make makes made one ones two another every many much several`
    .split(/\s+/)
    .filter(Boolean),
]);

/** Common function words of other languages, to tell a foreign-language answer from a keyword list. */
export const FOREIGN_FUNCTION_WORDS: ReadonlySet<string> = new Set(
  `der die das und ist nicht ein eine einen mit auf für von zu dem den des sich auch wird werden kann wenn oder aber
le la les et est une des du pas pour dans que qui sur avec sont ce il elle nous vous être
el los las y es un una por para con del lo se como más pero está son su al
il lo gli e di che non per una sono della nel
o os as um uma não com do da em que para por são
het een niet van voor met zijn dat ook`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that mark a sentence as refuting a claim rather than making it. */
export const REFUTATION_WORDS: ReadonlySet<string> = new Set([
  'myth',
  'misconception',
  'wrong',
  'wrongly',
  'incorrect',
  'incorrectly',
  'false',
  'mistake',
  'mistaken',
  'mistakenly',
  'contrary',
  'untrue',
  'misleading',
  'fallacy',
  'naive',
  'naively',
  'assume',
  'assumes',
  'believe',
  'believes',
  'think',
  'thinks',
]);

/**
 * Glue words ignored when matching phrases. Deliberately narrower than FUNCTION_WORDS: quantifiers,
 * order and direction words (all, once, one, same, before, after, down, only, most) carry meaning in
 * technical phrases such as "all pods at once" or "at most one", so they stay matchable.
 */
export const MATCH_STOPWORDS: ReadonlySet<string> = new Set(
  `a an the of to in on at for by with from and or is are was were be been being am it its this that these those as
into than then so do does did doing has have had having will would can could should may might must shall i you we they
he she them their theirs our ours your yours my me us his her hers him which who whom whose what there here also just
very such via per if while when where how why because`
    .split(/\s+/)
    .filter(Boolean),
);
