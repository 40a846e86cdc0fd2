/**
 * Phrases that mean "a person must handle this", whatever the SOPs say.
 * Word lists cover English, Spanish, French, German and Portuguese.
 */
export const escalationTriggers: Array<{ trigger: string; pattern: RegExp }> = [
  {
    trigger: 'human_request',
    pattern:
      /\b(human|real person|live agent|(talk|speak|chat) (to|with) (an? )?(agent|person|someone|representative|manager)|representative|operator|humano|persona real|hablar con (un|una|alguien)|agente|humain|une vraie personne|parler (à|a) (un|une|quelqu)|conseiller|mensch|mitarbeiter|echten person|mit (einem|jemandem) sprechen|atendente|pessoa real|falar com (um|uma|algu[eé]m))\b/i,
  },
  {
    trigger: 'refund',
    pattern: /\b(refund|money back|chargeback|reembolso|devoluci[oó]n|rembours\w*|r[uü]ckerstattung|erstatt\w*|geld zur[uü]ck|estorno|reembolsar)\b/i,
  },
  {
    trigger: 'cancellation',
    pattern: /\b(cancel\w*|terminate my|close my account|cancelar|anular|annuler|r[ée]silier|r[ée]siliation|k[uü]ndig\w*|stornier\w*|encerrar (a )?minha conta)\b/i,
  },
  {
    trigger: 'legal',
    pattern: /\b(lawyer|attorney|legal action|sue|lawsuit|court|gdpr|abogado|demanda|avocat|poursuite|anwalt|klage|gericht|advogado|processo judicial|lgpd)\b/i,
  },
  {
    trigger: 'complaint',
    pattern: /\b(complain\w*|complaint|unacceptable|queja|reclamaci[oó]n|plainte|r[ée]clamation|beschwerde|reclama[cç][aã]o|inaceit[aá]vel)\b/i,
  },
  {
    trigger: 'security',
    pattern: /\b(hack(ed|er)?|breach|fraud\w*|phishing|stolen|unauthori[sz]ed|someone (logged|got) into|hackead[oa]|fraude|pirat[ée]|gehackt|betrug|invadid[oa]|roubad[oa])\b/i,
  },
  {
    trigger: 'negative_sentiment',
    pattern: /\b(furious|angry|terrible|awful|worst|ridiculous|useless|disgusting|scam|horrible|p[ée]simo|furios[oa]|nul|inadmissible|schrecklich|unversch[aä]mt|p[ée]ssimo|rid[ií]culo)\b|!!!/i,
  },
  {
    trigger: 'didnt_help',
    pattern: /\b(didn'?t help|did not help|not helpful|still (doesn'?t|does not|not) work|that('s| is) not what i asked|no me ayud[oó]|sigue sin funcionar|[çc]a n'aide pas|toujours pas|hat nicht geholfen|funktioniert immer noch nicht|n[aã]o ajudou|continua sem funcionar)\b/i,
  },
];

export function matchTrigger(text: string): string | undefined {
  return escalationTriggers.find((t) => t.pattern.test(text))?.trigger;
}
