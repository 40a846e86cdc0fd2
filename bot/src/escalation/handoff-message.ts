import type { Language } from '../knowledge/language.ts';

/** What the customer reads when a person takes over, in their language. */
const messages: Record<Language, (name?: string) => string> = {
  en: (n) => `Thanks for your patience. I'm passing this to ${n ? `${n} from our team` : 'our team'}, who will reply here shortly.`,
  es: (n) => `Gracias por tu paciencia. Le paso tu consulta a ${n ? `${n}, de nuestro equipo` : 'nuestro equipo'}, que te responderá aquí en breve.`,
  fr: (n) => `Merci de votre patience. Je transmets votre demande à ${n ? `${n}, de notre équipe` : 'notre équipe'}, qui vous répondra ici très bientôt.`,
  de: (n) => `Danke für Ihre Geduld. Ich gebe Ihr Anliegen an ${n ? `${n} aus unserem Team` : 'unser Team'} weiter, die Antwort kommt hier in Kürze.`,
  pt: (n) => `Obrigado pela paciência. Vou passar o seu pedido para ${n ? `${n}, da nossa equipe` : 'a nossa equipe'}, que responderá aqui em breve.`,
};

export const handoffMessage = (lang: Language, name?: string) => messages[lang](name);

const sourceLabel: Record<Language, string> = { en: 'Source', es: 'Fuente', fr: 'Source', de: 'Quelle', pt: 'Fonte' };

/** The citation under a bot answer, in the answer's language. */
export const citation = (lang: Language, title: string, url?: string) =>
  `${sourceLabel[lang]}: ${title}${url ? ` (${url})` : ''}`;
