import isCreditCard from 'validator/lib/isCreditCard.js';
/**
 * Phrases that mean "a person must handle this", whatever the SOPs say, in English, Spanish,
 * French, German and Portuguese. Word boundaries are Unicode-aware so accented words match.
 * Each family lists whole ways of saying it, not single keywords: "cancel" alone is routine
 * (a class, an appointment), "cancel my membership" is not.
 */
const words = (...alternatives: string[]) =>
  // \w is ASCII even in a Unicode pattern: "rembours\w*" would stop short of "remboursée" and then
  // fail the closing boundary. Word characters here are letters and digits of any script.
  new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|').replaceAll('\\w', '[\\p{L}\\p{N}_]')})(?![\\p{L}\\p{N}])`, 'iu');

/** Occasions flowers are sent for, by language. */
const OCCASION = {
  en: '(?:service|funeral|memorial|ceremony|wake|wedding|party|event|celebration)',
  es: '(?:misa|funeral|velorio|ceremonia|servicio|boda|fiesta|evento)',
  fr: '(?:c[ée]r[ée]monie|service|enterrement|obs[eè]ques|mariage|f[eê]te|[ée]v[ée]nement)',
  de: '(?:trauerfeier|beerdigung|beisetzung|zeremonie|hochzeit|feier|veranstaltung)',
  pt: '(?:cerim[oô]nia|funeral|vel[oó]rio|missa|casamento|festa|evento)',
};

/** Things a customer ends, as opposed to bookings they move or drop. */
const CONTRACT_EN = '(?:subscription|membership|plan|account|contract|order|service)';
const MY_EN = '(?:my |our |the |this |that |his |her |their |tomorrow\'?s |today\'?s )?(?:\\w+ ){0,2}';

export const escalationTriggers: Array<{ trigger: string; pattern: RegExp }> = [
  {
    trigger: 'human_request',
    pattern: words(
      'human', 'real person', 'live (?:agent|person|chat)', '(?:talk|speak|chat) (?:to|with) (?:an? |the |your )?(?:agent|person|someone|somebody|human|representative|manager|owner|staff|team|boss)',
      'connect me (?:to|with) (?:someone|somebody|a person|an agent)', 'representative', 'operator', 'call me(?: back)?', 'give me a call', 'phone me',
      'agent', 'humano', 'persona real', 'hablar con (?:un|una|alguien|el|la)', '(?:comunic|p[aá]s)(?:a|e|en|ar)(?:me|nos)? con (?:alguien|una persona|un agente|un asesor|el equipo|un humano)', 'agente', 'll[aá]m(?:e|a|en)me', 'que me llame\\w*',
      'humain', 'vraie personne', 'parler (?:à|a) (?:un|une|quelqu)', 'conseill(?:er|[eè]re)', 'rappelez-moi', 'me rappeler',
      'mensch', 'mitarbeiter(?:in)?', 'echten person', 'mit (?:einem|einer|jemandem) (?:\\w+ )?sprechen', 'zur[uü]ckrufen', 'r[uü]ckruf',
      'actual (?:person|human|people|staff)', '(?:phone )?call from (?:an? |your |one of your )?(?:actual |real )?(?:person|staff|someone|human|agent|team)',
      'carne y hueso', 'algu[eé]m da equip[ae]', '(?:n[aã]o quero|no quiero) (?:continuar |seguir )?(?:com o|con el) (?:assistente|asistente|bot|rob[oô])',
      'atendente', 'pessoa real', 'falar com (?:um|uma|algu[eé]m)', 'me liga(?:r|m)?', 'me ligue\\w*',
    ),
  },
  {
    trigger: 'refund',
    pattern: words(
      'refund\\w*', 'money back', 'chargeback', 'charge ?back', '(?:charge|payment)s? (?:\\w+ )?reversed', '(?:get|have|need|want) (?:that|this|it) reversed', 'revers\\w* (?:(?:the |that |this |my |our )(?:\\w+ )?|(?!charge )\\w+ )(?:charge|payment)',
      // An insurer that "won't reimburse" is not asking us for money back.
      "(?<!(?:won'?t|will not|wouldn'?t|doesn'?t|does not|didn'?t|did not|refuses? to|refused to|insurance|insurer|fsa|hsa|spending account|benefits|employer) )reimburs\\w*", 'pay (?:me|us) back', 'credit (?:it |that )?back', 'overcharg\\w*', 'charged (?:\\w+ )?(?:twice|double|two times|again)', '(?:hit|charged|billed|debited) (?:my \\w+ )?(?:two|2) times',
      'put (?:it|that|one|one of them|the money|the \\w+) back on (?:my|our) (?:card|account|visa|mastercard|amex)', 'double charged',
      'reembols\\w*', 'devoluci[oó]n (?:del? |de mi )?(?:dinero|pago|cobro)', 'devu[eé]lva\\w* (?:el |mi )?dinero', 'me devuelvan', 'reintegro', 'cobr\\w* (?:dos veces|doble|de m[aá]s)',
      'rembours\\w*', 'd[ée]bit\\w* (?:deux fois|en double)', 'pr[ée]lev[ée]\\w*(?: \\S+){0,3} (?:deux fois|en double)',
      'r[uü]ckerstattung', '[uü]berweis\\w* (?:\\w+ ){0,5}zur[uü]ck', 'erstatt\\w*', 'geld zur[uü]ck', 'zur[uü]ckbuch\\w*', 'r[uü]ckbuchung', 'doppelt (?:abgebucht|belastet|berechnet)', 'zweimal (?:abgebucht|belastet|berechnet|eingezogen)', '(?:zahlung|betrag|beitrag)\\w* (?:\\w+ )?zur[uü]ck',
      'estorn\\w*', 'dinheiro de volta', 'devolv\\w*(?:-me|-nos)? o (?:valor|dinheiro)', 'cobrad[oa]s? (?:em duplicado|a mais)', 'devolu[cç][aã]o do (?:dinheiro|valor|pagamento)', 'devolv\\w* (?:o |meu )?dinheiro', 'cobrad[oa]s? duas vezes', 'cobran[cç]a (?:indevida|duplicada|em dobro)',
    ),
  },
  {
    trigger: 'cancellation',
    // Ending a contract; cancelling a booked class or appointment is routine and has SOPs.
    pattern: words(
      `cancel\\w* ${MY_EN}${CONTRACT_EN}`, `(?:end|stop|terminate|quit|close|delete|discontinue|shut down) ${MY_EN}(?:${CONTRACT_EN}|workspace)`, 'stop billing (?:us|me)', 'cancel\\w* (?:everything|it all)',
      // The contract named before, billed again: "the Care Plan … How do I end it so I'm not charged the $299 again?"
      "(?:end|cancel|stop|close) (?:it|that|this)(?: \\S+){0,3} so (?:that )?(?:i|we)(?:['’]?m|['’]?re| am| are)? (?:not|never) (?:get )?(?:charged|billed|renewed)(?: \\S+){0,3} (?:again|next (?:year|month)|every (?:year|month))",
      // … or stopped before it renews: "How do I end it before it renews?"
      "(?:end|cancel|stop|close) (?:it|that|this)(?: \\S+){0,3} before (?:it|that|this) (?:auto-?)?renews",
      `call\\w* off ${MY_EN}order`, `(?:no longer|don'?t|do not) (?:want|need) ${MY_EN}${CONTRACT_EN}(?: any ?more)?`, 'unsubscribe me',
      '(?:cancel|termin|finaliz)\\w* (?:mi |la |el |nuestra |nuestro )?(?:suscripci[oó]n|membres[ií]a|cuenta|pedido|contrato|plan|orden)', 'anul\\w* (?:mi |la |el )?(?:suscripci[oó]n|pedido|orden|contrato)',
      '(?:dar|darme|darnos|dan|den|des|d[eé]|da) (?:\\w+ )?de baja', 'ya no (?:quiero|necesito) (?:la |el |mi )?(?:suscripci[oó]n|membres[ií]a|plan|pedido)', 'ya no (?:quiero|necesito) que (?:me )?(?:llegue|lleguen|entreguen|env[ií]en|manden)',
      'annul\\w* (?:mon |ma |la |le |notre )?(?:abonnement|commande|compte|contrat|adh[ée]sion)', 'r[ée]sili\\w*', 'mettre fin (?:à|a) (?:mon |ma |l\'|notre )?\\w+', 'arr[eê]t\\w* (?:mon |l\'|notre )?abonnement', 'me d[ée]sabonner', 'me d[ée]sinscrire',
      'k[uü]ndig\\w*', 'beend\\w* (?:\\w+ )?(?:abo|abonnement|mitgliedschaft|vertrag)\\w*', '(?:abo|abonnement|mitgliedschaft|bestellung|vertrag)\\w* (?:\\w+ )?(?:stornieren|beenden|aufl[oö]sen|k[uü]ndigen)', 'austreten',
      'cancel\\w* (?:a |o |minha |meu |nossa |nosso )?(?:assinatura|conta|plano|pedido|contrato|ades[aã]o)', 'encerr\\w* (?:a |o |minha |meu )?(?:conta|plano|contrato|assinatura)',
      'n[aã]o quero (?:mais|continuar com) (?:o |a |meu |minha )?(?:plano|assinatura|contrato)', '(?:parar|paro|cancelar|cancelo) a renova[cç][aã]o', 'desistir do (?:plano|contrato)',
    ),
  },
  {
    trigger: 'legal',
    pattern: words(
      'lawyer', 'attorney', 'legal (?:action|team|department|advice|steps)', 'sue', 'suing', 'lawsuit', 'court', 'small claims', 'gdpr', 'ccpa', 'dpa', 'data processing agreement',
      'delete (?:all )?(?:of )?my (?:personal )?(?:data|information|info)', 'personal data', 'dsg', 'auskunft', 'subpoena', 'liable', 'liability', 'datenschutz\\w*', 'law ?firm', 'paralegal', '(?:accident|injury|personal injury) claim',
      // A claim for damages: "I expect Bloom to cover it", "we want you to pay for the vet bill".
      '(?:expect|want)s? (?:you|\\w+) to (?:cover|pay(?: for)?|reimburse) (?:it|this|that|the|my|our)',
      '(?:insurance|insurer|lawyer|attorney|employer|school)(?: \\w+){0,3} (?:wants|needs|asked for|requests?|requesting) (?:my |our |the |his |her )?(?:\\w+ )?records',
      'send (?:my |our |the )?(?:\\w+ )?records (?:directly |straight )?to',
      'abogad[oa]', 'demanda(?:r)?', 'avocat', 'poursuite', 'rgpd', 'mes donn[ée]es', 'anwalt', 'klage', 'gericht', 'dsgvo', 'meine daten', 'advogad[oa]', 'processo judicial', 'lgpd', 'meus dados',
    ),
  },
  {
    trigger: 'complaint',
    pattern: words(
      'complain\\w*', 'complaint', 'unacceptable', 'not acceptable', 'no (?:es|está|esta) (?:nada )?aceptable', "(?:n['’](?:est|était) )?pas (?:du tout )?acceptable", 'nicht (?:\\w+ )?akzeptabel', 'n[ãa]o (?:é|e|está|esta) (?:nada )?aceit[aá]vel', 'not (?:what|the one) (?:i|we) (?:paid|ordered|asked) for', 'wrong (?:order|item|bouquet|flowers|size|color|colour)', 'nothing like (?:the|what was (?:in|on) the) (?:picture|photo|image|website|site|description)s?',
      'arrived (?:\\w+ )?(?:wilted|dead|damaged|broken|crushed|late)', '(?:i|we) expected (?:much |a lot |far |a bit )?better',
      // Flowers for an occasion that came after it: "arrived 40 minutes after the service had started".
      `arrived (?:\\S+ ){0,4}after (?:the |her |his |their |our |my )?${OCCASION.en}`, `too late for (?:the |her |his |their |our |my )?${OCCASION.en}`,
      `lleg(?:[oó]|aron) (?:\\S+ ){0,4}despu[eé]s (?:de )?(?:la |el |del |su )?${OCCASION.es}`, `arriv[ée]e?s? (?:\\S+ ){0,4}apr[eè]s (?:la |le |l['’])?${OCCASION.fr}`,
      `(?:kam|kamen|geliefert) (?:\\S+ ){0,4}nach (?:der |dem |ihrer |seiner )?${OCCASION.de}`, `cheg(?:ou|aram) (?:\\S+ ){0,4}depois (?:d[aoe] |d[ao]s )?${OCCASION.pt}`,
      'wilted', 'wilting', 'dead flowers', '(?:was|were|is|are) (?:really |very |so )?(?:rude|dismissive|unprofessional)',
      'unprofessional', 'dismissive', 'ignored (?:me|us)', 'very rough', 'nobody (?:fixed|cares|helped)', '(?:minutes|hours) late', 'late (?:again|twice|every time)', 'never (?:showed|turned) up',
      '(?:trainer|instructor|coach|driver|courier|dentist|hygienist|doctor|therapist|technician|staff|nobody|no one)(?: \\w+){0,2} (?:didn\'?t|did not) (?:show|turn) up',
      '(?:nobody|no one|no-one) (?:called|phoned|told|warned|contacted|informed|let) (?:me|us)', 'no se present[oó]', 'nadie me avis[oó]',
      "ne s['’]est (?:pas )?pr[ée]sent[ée]e?", "personne (?:ne )?m['’]a (?:pas )?(?:pr[ée]venu|appel[ée]|averti)e?", 'ist nicht (?:erschienen|aufgetaucht|gekommen)', 'niemand hat (?:mich|uns) (?:informiert|angerufen|benachrichtigt)',
      'n[aã]o (?:apareceu|compareceu)', 'ningu[eé]m me (?:avisou|ligou)',
      'disappoint\\w*', '(?:poor|bad|lousy|shoddy) (?:service|quality|job|experience)', 'mal-?educad[oa]',
      'queja', 'reclamaci[oó]n', 'inaceptable', 'lleg[oó] (?:marchit\\w+|roto|rota|da[nñ]ad\\w+|tarde)', 'mal servicio', 'decepcionad[oa]', 'no es lo que (?:ped[ií]|pagu[eé])',
      'plainte', 'r[ée]clamation', 'inacceptable', 'd[ée]çu\\w*', 'mauvais service', 'pas ce que j\'ai (?:command[ée]|pay[ée])',
      'beschwerde', 'beschweren', 'inakzeptabel', 'entt[aä]uscht', 'unfreundlich', 'schlechter service',
      'reclama[cç][aã]o', 'inaceit[aá]vel', 'decepcionad[oa]', 'mau atendimento', 'p[ée]ssimo atendimento',
    ),
  },
  {
    trigger: 'security',
    pattern: words(
      'hack\\w*', 'breach', 'fraud\\w*', 'phishing', 'stolen', 'suspended unless', '(?:someone|somebody|a stranger|another person)(?: \\S+){0,6} using my', 'unauthori[sz]ed', 'someone (?:logged|got|broke|signed) in(?:to)?', "(?:wasn['’]?t|was not) (?:me|us)\\b", 'no fui yo', "ce n['’]?[ée]tait pas moi", 'das war ich nicht', 'n[ãa]o fui eu',
      "(?:someone|somebody)(?:['’]s| has| is)? (?:been )?(?:checking in|checked in|using|logging in|getting in)(?: \\S+){0,6} (?:my|our) (?:account|membership|card|login|profile|qr code|code|badge|pass)",
      '(?:someone|somebody)(?: else)? (?:used|entered|accessed|got into|logged into|checked in with|is using)(?: \\S+){0,6} my (?:account|membership|card|login|profile)',
      'alguien(?: m[aá]s)? (?:entr[oó]|us[oó]|accedi[oó]|ingres[oó]|se conect[oó]|est[aá] usando)(?: \\S+){0,6} mi (?:cuenta|membres[ií]a|tarjeta|perfil|acceso|c[oó]digo)',
      "quelqu['’]un(?: d['’]autre)? (?:est entr[ée]|a utilis[ée]|a acc[ée]d[ée]|s['’]est connect[ée]|utilise|se sert(?: de)?|s['’]est servi(?: de)?)(?: \\S+){0,6} (?:mon|ma) (?:compte|abonnement|badge|profil|acc[eè]s|carte|code)",
      'jemand(?: anderes| fremdes)? (?:hat|ist|nutzt|benutzt|verwendet)(?: \\S+){0,6} (?:mein|meinem|meinen|meine) (?:konto|account|abo|mitgliedschaft|karte|profil|zugang)',
      'algu[eé]m (?:entrou|usou|acessou|utilizou|est[aá] usando|est[aá] a usar|anda a usar)(?: \\S+){0,6} (?:(?:a |na |com a )?minha (?:conta|assinatura|carteirinha|senha)|(?:o |no |com o )?meu (?:acesso|c[oó]digo|cart[aã]o|login))',
      'never (?:placed|ordered|authori[sz]ed|made (?:this|that|these|those|the|an?|any) (?:charge|order|payment|purchase|transaction|booking)s?)', "(?:don'?t|do not|didn'?t|did not) (?:recogni[sz]e|authori[sz]e|make|place) (?:this|that|these|the|a) (?:charge|order|login|payment|purchase)", "(?:don'?t|do not) recogni[sz]e",
      '(?:suspicious|strange|weird|fake) (?:email|e-mail|login|link|text|sms|charge|activity|message)', 'is this (?:email|e-mail|link|text|message) (?:real|legit\\w*|from you)', 'leak\\w*', 'password (?:was |got )?changed',
      // Login details changed behind the customer's back: "switched to an address I've never seen", "… were changed. I didn't do that".
      "(?:address|e-?mail|number|phone|device)s? (?:i|we)(?:['’]ve| have)? never (?:seen|used|heard of|added)", "(?:i|we) (?:didn['’]?t|did not|never) (?:do|change|request|authori[sz]e) (?:that|this|it)(?=\\s*(?:[.!,;]|$|and\\b|but\\b))",
      '(?:asking|asks|asked) (?:me )?(?:for|to (?:enter|confirm|type)) (?:my |our )?(?:password|credentials|ssn|social security|card (?:number|details))', 'confirm your credentials', 'ssn',
      'is (?:this|that) (?:really )?(?:you|from you)\\?',
      'hackead[oa]', 'fraude', 'sospechos[oa]', 'pirat[ée]e?', '(?:e-?mail|lien|message|connexion) suspect\\w*', 'gehackt', 'betrug', 'verd[aä]chtig\\w*', 'invadid[oa]', 'roubad[oa]', 'robad[oa]', 'suspeit[oa]',
    ),
  },
  {
    trigger: 'exception_request',
    // Waivers, special prices and favours are a VA's call; SOPs say so in their internal notes.
    pattern: words(
      'waive\\w*', 'take (?:it|that|the \\w+ fee|the fee|the charge) off', '(?:fee|charge|penalty) (?:be |get |gets |is )?(?:taken off|removed|dropped|cancell?ed|refunded)', 'make an exception', 'as an exception', 'special (?:price|pricing|deal|rate|offer|discount)',
      'better (?:price|deal|rate)', '(?:discount|deal|promo|offer)s? for (?:returning|former|old|past|nonprofits?|charit\\w*|non-profits?)',
      '(?:charity|nonprofit|non-profit|ngo|church)s? (?:pricing|prices?|discounts?|rates?|deals?)',
      'dispute (?:the |this |that |a |my )?(?:\\S+ )?(?:fee|charge)', 'contest\\w* (?:a |essa |esta |o |la |le |les |ces |cette |ce )?(?:taxa|cobran[cç]a|multa|frais|pr[ée]l[eè]vement|p[ée]nalit[ée])',
      '(?:disputar|impugnar) (?:la |el |esta |este )?(?:tarifa|cargo|cobro|multa)', 'geb[uü]hr\\w* (?:\\w+ )?(?:anfechten|bestreiten)',
      'condon\\w*', 'hacer una excepci[oó]n', 'precio especial', 'exon[ée]r\\w*', 'faire une exception', 'geste commercial', 'ausnahme', 'erlassen', 'kulanz\\w*', 'abrir uma exce[cç][aã]o', 'pre[cç]o especial',
    ),
  },
  {
    trigger: 'negative_sentiment',
    pattern: words(
      'furious', 'angry', 'terrible', 'awful', 'worst', 'ridiculous', 'useless', 'garbage', 'wtf', 'disgusting', 'scam', 'horrible', 'unbelievable', 'kidding me', 'fed up', 'pathetic',
      'sick (?:and tired|of)', 'every single time', 'moquez de (?:nous|moi)', 'se moquer de (?:nous|moi)', '(?<!(?:if|when|in case) )(?:nobody|no one|no-one) (?:ever )?(?:answers|picks up|replies|responds|gets back|calls back)',
      // Asked, not stated: "WHY does nobody answer at your shop??"
      '(?:why|how come) (?:does|did|will|won[\'’]?t|can[\'’]?t) (?:nobody|no one|no-one|anyone|anybody) (?:ever )?(?:answer|pick up|reply|respond|get back|call back)', 'on hold for (?:\\d+ |an? |over |almost |nearly )?(?:minutes|mins|hours?|ages|forever)', '(?:minutes|hours|an hour) on hold', 'frustrat\\w*', 'annoyed', 'incompetent', 'a joke', 'disgrace\\w*', 'una broma', 'un chiste', 'une blague', 'ein witz', 'uma piada',
      'p[ée]simo', 'furios[oa]', 'verg[uü]enza', 'nunca m[aá]s', 'estafa', 'harto', 'harta', 'nadie (?:me )?(?:contesta|responde)', 'qu[eé] mal',
      'nul(?:le)?', 'inadmissible', 'arnaque', 'honteux', 'marre', 'ras le bol', 'personne ne (?:r[ée]pond|rappelle)',
      'schrecklich', 'unversch[aä]mt', 'frechheit', 'katastrophe', 'genervt', 'niemand (?:antwortet|meldet sich|geht ran)', 'sauer',
      'p[ée]ssimo', 'rid[ií]culo', 'absurdo', 'vergonha', 'ningu[eé]m (?:responde|atende)', 'cansad[oa] de',
    ),
  },
  {
    trigger: 'vip',
    pattern: words("(?:i['’]?m|i am|as|this is)(?: \\S+){0,3} (?:ceo|cto|cfo|coo|founder|co-founder|director|head of \\w+|vp of \\w+)", '(?:ceo|cto|cfo|coo|founder|co-founder|director|head of \\w+|vp of \\w+) (?:at|of) ', 'reporter', 'journalist', 'press', 'interview', 'influencer', '(?:\\d{3,}|\\d{1,3}(?:[,.]\\d{3})+|\\d+(?:[.,]\\d+)?k) (?:followers|seats|employees|users|staff)', 'empleados', 'employ[ée]s', 'mitarbeitenden', 'funcion[aá]rios'),
  },
  {
    trigger: 'didnt_help',
    pattern: words("didn'?t help", 'did not help', 'not helpful', "still (?:doesn'?t|does not|not) work\\w*", "that(?:'s| is) not what i asked", 'no me ayud[oó]', 'sigue sin funcionar', "[çc]a n'aide pas", 'toujours pas', 'hat nicht geholfen', 'funktioniert immer noch nicht', 'n[aã]o ajudou', 'continua sem funcionar'),
  },
];

/** A message that is only a greeting or a thank-you asks nothing: a VA (or the next message) takes it. */
// One greeting or a few ("Olá, bom dia!"), each perhaps to someone ("hi team"), and nothing else.
const GREETING = String.raw`(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening|day)|morning|buen(?:os|as) (?:d[ií]as|tardes|noches)|hola|bonjour|bonsoir|salut|coucou|guten (?:morgen|tag|abend)|hallo|servus|gr[uü]ezi|moin|bom dia|boa (?:tarde|noite)|ol[aá]|oi|qu[eé] tal|how are you|how'?s it going|(?:comment )?[çc]a va|wie geht'?s|tudo bem|(?:saludos|greetings|salutations|gr[uü](?:ß|ss)e|sauda[çc][õo]es|cumprimentos)(?:\s+(?:desde|from|de|d['’]|aus|da|do)(?:\s+[\p{L}'’-]+){1,4})?)(?:\s+(?:there|team|everyone|all|folks|guys|tout le monde|zusammen|a todos|pessoal|(?:to )?the (?:whole )?team|(?:[àa] )?(?:toute )?l['’][ée]quipe|(?:a )?todo el equipo|an das team|(?:[àa] )?equipe))?`;
// A thank-you or an "ok" after an answer asks nothing either ("ok perfect thanks 🙏", "muito obrigada").
const ACKNOWLEDGEMENT = String.raw`(?:ok(?:ay)?|great|perfect|awesome|got it|thanks?(?: (?:so|very) much| a lot| again)?|thank you(?: (?:so|very) much| again)?|thx|ty|cheers|much appreciated|appreciate it|(?:muchas )?gracias|perfecto|vale|genial|merci(?: beaucoup| bien)?|parfait|super|danke(?: sch[oö]n| sehr| vielmals)?|vielen dank|perfekt|(?:muito )?obrigad[oa]|valeu|perfeito)`;
// Who is writing, by name ("aquí Lupita de Chula Vista", "this is Tom from Harbor Dental"): still no question.
const INTRODUCTION = String.raw`(?:this is|my name is|aqu[ií]|soy|me llamo|ici|je m['’]appelle|hier (?:ist|spricht)|ich hei(?:ß|ss)e|aqui (?:[ée] |fala )?|meu nome [ée]|sou (?:a|o)) \p{Lu}[\p{L}'’-]+(?:\s+(?:de|from|aus|da|do|at|of|with|von|d['’])(?:\s+[\p{L}'’&-]+){1,4})?`;
const SAYS_NOTHING = `(?:${GREETING}|${ACKNOWLEDGEMENT}|${INTRODUCTION})`;
const greetingOnly = new RegExp(String.raw`^\s*${SAYS_NOTHING}(?:[\s!.,:;-]+${SAYS_NOTHING})*[\s!.,:)?\p{Extended_Pictographic}\u{FE0F}\u{1F3FB}-\u{1F3FF}]*$`, 'iu');

/**
 * Payment card numbers pasted into chat: the SOPs say never to take them; a VA removes them. A run of
 * 13-19 digits (spaces or dashes between) counts when it is a card number by issuer prefix and check digit.
 */
function hasCardNumber(text: string): boolean {
  for (const m of text.matchAll(/(?<!\d)\d(?:[ -]?\d){12,18}(?!\d)/g)) if (isCreditCard(m[0])) return true;
  return false;
}

export interface TriggerMatch {
  trigger: string;
  /** The words that matched, for the reason a VA reads. */
  phrase: string;
}

export function matchTrigger(text: string): TriggerMatch | undefined {
  if (greetingOnly.test(text)) return { trigger: 'no_question', phrase: text.trim() };
  if (hasCardNumber(text)) return { trigger: 'security', phrase: 'a payment card number' };
  for (const { trigger, pattern } of escalationTriggers) {
    const m = pattern.exec(text);
    if (m) return { trigger, phrase: m[0] };
  }
  return undefined;
}
