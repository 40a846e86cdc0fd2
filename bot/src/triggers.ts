/**
 * Phrases that mean "a person must handle this", whatever the SOPs say, in English, Spanish,
 * French, German and Portuguese. Word boundaries are Unicode-aware so accented words match.
 */
const words = (...alternatives: string[]) =>
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'iu');

export const escalationTriggers: Array<{ trigger: string; pattern: RegExp }> = [
  {
    trigger: 'human_request',
    pattern: words(
      'human', 'real person', 'live (?:agent|person|chat)', '(?:talk|speak|chat) (?:to|with) (?:an? |the )?(?:agent|person|someone|somebody|human|representative|manager|owner)',
      'connect me (?:to|with) (?:someone|somebody|a person|an agent)', 'representative', 'operator', 'call me(?: back)?',
      'agent', 'humano', 'persona real', 'hablar con (?:un|una|alguien|el|la)', 'agente', 'll[aá]m(?:e|a)me',
      'humain', 'vraie personne', 'parler (?:à|a) (?:un|une|quelqu)', 'conseill(?:er|[eè]re)', 'rappelez-moi',
      'mensch', 'mitarbeiter(?:in)?', 'echten person', 'mit (?:einem|einer|jemandem) sprechen', 'zur[uü]ckrufen', 'r[uü]ckruf',
      'atendente', 'pessoa real', 'falar com (?:um|uma|algu[eé]m)', 'me liga(?:r)?',
    ),
  },
  {
    trigger: 'refund',
    pattern: words('refund\\w*', 'money back', 'chargeback', 'reembols\\w*', 'devoluci[oó]n', 'rembours\\w*', 'r[uü]ckerstattung', 'erstatt\\w*', 'geld zur[uü]ck', 'estorno', 'charged twice', 'double charged', 'cobrado dos veces', 'cobrad[oa] duas vezes'),
  },
  {
    trigger: 'cancellation',
    // Ending a contract; cancelling a booked class or appointment is routine and has SOPs.
    pattern: words(
      'cancel\\w* (?:my |our |the )?(?:subscription|membership|plan|account|contract|order|service)',
      '(?:close|delete|terminate) (?:my |our )?account', 'cancel\\w* (?:everything|it all)',
      'cancelar (?:mi |la |el )?(?:suscripci[oó]n|membres[ií]a|cuenta|pedido|contrato|plan)', 'darme de baja', 'dar de baja',
      'annuler (?:mon |ma |la |le )?(?:abonnement|commande|compte|contrat)', 'r[ée]silier', 'r[ée]siliation',
      'k[uü]ndig\\w*', '(?:abo|mitgliedschaft|bestellung|vertrag) (?:stornieren|beenden)',
      'cancelar (?:a |o |minha |meu )?(?:assinatura|conta|plano|pedido|contrato)', 'encerrar (?:a |minha )?conta',
    ),
  },
  {
    trigger: 'legal',
    pattern: words('lawyer', 'attorney', 'legal (?:action|team|department)', 'sue', 'lawsuit', 'court', 'gdpr', 'ccpa', 'dpa', 'data processing agreement', 'delete (?:all )?(?:of )?my (?:personal )?data', 'personal data', 'dsg', 'auskunft', 'subpoena', 'abogad[oa]', 'demanda(?:r)?', 'avocat', 'poursuite', 'rgpd', 'anwalt', 'klage', 'gericht', 'dsgvo', 'advogad[oa]', 'processo judicial', 'lgpd'),
  },
  {
    trigger: 'complaint',
    pattern: words(
      'complain\\w*', 'complaint', 'unacceptable', 'not acceptable', 'arrived (?:\\w+ )?(?:wilted|dead|damaged|broken|crushed)', 'wilted', '(?:was|were|is) (?:really |very )?rude', 'very rough', 'nobody (?:fixed|cares|helped)', 'mal-?educad[oa]',
      'queja', 'reclamaci[oó]n', 'inaceptable', 'lleg[oó] (?:marchit\\w+|roto|da[nñ]ad\\w+)', 'plainte', 'r[ée]clamation', 'inacceptable',
      'beschwerde', 'inakzeptabel', 'reclama[cç][aã]o', 'inaceit[aá]vel',
    ),
  },
  {
    trigger: 'security',
    pattern: words(
      'hack\\w*', 'breach', 'fraud\\w*', 'phishing', 'stolen', 'suspended unless', 'someone else is using', 'unauthori[sz]ed', 'someone (?:logged|got) into', 'never (?:placed|made|ordered)', "(?:don'?t|do not) recogni[sz]e",
      'hackead[oa]', 'fraude', 'pirat[ée]e?', 'gehackt', 'betrug', 'invadid[oa]', 'roubad[oa]', 'robad[oa]',
    ),
  },
  {
    trigger: 'negative_sentiment',
    pattern: words(
      'furious', 'angry', 'terrible', 'awful', 'worst', 'ridiculous', 'useless', 'garbage', 'wtf', 'disgusting', 'scam', 'horrible', 'unbelievable', 'kidding me', 'fed up', 'pathetic',
      'p[ée]simo', 'furios[oa]', 'verg[uü]enza', 'nunca m[aá]s', 'estafa', 'nul(?:le)?', 'inadmissible', 'arnaque', 'honteux',
      'schrecklich', 'unversch[aä]mt', 'frechheit', 'katastrophe', 'p[ée]ssimo', 'rid[ií]culo', 'absurdo', 'vergonha',
    ) ,
  },
  {
    trigger: 'vip',
    pattern: words('(?:ceo|cto|cfo|coo|founder|director|head of \\w+|vp of \\w+)(?: at| of)?', 'reporter', 'journalist', 'press', 'interview', '[\\d,.]+ (?:seats|employees|users|staff)', 'empleados', 'employ[ée]s', 'mitarbeitenden', 'funcion[aá]rios'),
  },
  {
    trigger: 'didnt_help',
    pattern: words("didn'?t help", 'did not help', 'not helpful', "still (?:doesn'?t|does not|not) work\\w*", "that(?:'s| is) not what i asked", 'no me ayud[oó]', 'sigue sin funcionar', "[çc]a n'aide pas", 'toujours pas', 'hat nicht geholfen', 'funktioniert immer noch nicht', 'n[aã]o ajudou', 'continua sem funcionar'),
  },
];

export function matchTrigger(text: string): string | undefined {
  return escalationTriggers.find((t) => t.pattern.test(text))?.trigger;
}
