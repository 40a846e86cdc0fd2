import type { VaSop } from '@sbf-chatwoot/shared';
import type { Language } from './language.ts';

/** The value of the "someone from the team" button. */
export const TO_PERSON = 'handoff';

const prompt: Record<Language, string> = {
  en: 'I want to be sure I answer the right question. Which of these is it about?',
  es: 'Quiero asegurarme de responder a lo que preguntas. ¿De cuál de estos temas se trata?',
  fr: 'Je veux être sûr de répondre à la bonne question. De quel sujet s’agit-il ?',
  de: 'Ich möchte sicher die richtige Frage beantworten. Um welches dieser Themen geht es?',
  pt: 'Quero ter certeza de responder à pergunta certa. De qual destes temas se trata?',
};
const toPerson: Record<Language, string> = {
  en: 'Something else: talk to our team',
  es: 'Otra cosa: hablar con el equipo',
  fr: 'Autre chose : parler à l’équipe',
  de: 'Etwas anderes: mit dem Team sprechen',
  pt: 'Outra coisa: falar com a equipe',
};

/** The question and its buttons, in the customer's language: one per SOP, then the team. */
export const choiceMessage = (lang: Language, options: VaSop[]) => ({
  content: prompt[lang],
  items: [...options.map((s) => ({ title: s.title, value: s.uid })), { title: toPerson[lang], value: TO_PERSON }],
});
