import { vaSopSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import type { Precedent } from '../knowledge/precedents.ts';
import type { SopHit } from '../knowledge/sop-index.ts';
import { CANNED_SOURCE } from '../knowledge/canned-responses.ts';
import { decide, defaultPolicy, policyFor, type DecisionInput } from '../triage.ts';

const sop = (uid: string) => vaSopSchema.parse({ uid, type: 'va.sop', title: uid, status: 'published' });
const hit = (uid: string, score: number, coverage: number): SopHit => ({ sop: sop(uid), score, coverage, idfCoverage: coverage, matched: ['x'], internalOnly: [] });
/** A SOP whose steps send one case to a person, as the eval vault's 2FA SOP does. */
const routing = vaSopSchema.parse({
  uid: 'va-sop-2fa-lost-001',
  type: 'va.sop',
  title: 'Lost your phone or 2FA codes',
  status: 'published',
  steps: ['Ask whether they still have a backup code', 'If they are the only owner, create a task for alice — identity verification required'],
});
const routed = [{ ...hit('x', 30, 1), sop: routing }, hit('va-sop-billing-001', 4, 0.2)];
const strong = [hit('va-sop-reset-001', 30, 1), hit('va-sop-billing-001', 4, 0.2)];
const base: DecisionInput = { text: 'how do I reset my password', language: 'en', hasLanguage: true, hits: strong, botTurns: 0, hasAttachments: false, labels: [], policy: defaultPolicy };

describe('decide', () => {
  it.each<[string, Partial<DecisionInput>, string]>([
    ['a clear match', {}, 'answer'],
    ['no SOP hit', { hits: [] }, 'no_match'],
    ['two SOPs tied', { hits: [hit('a', 10, 0.5), hit('b', 10, 0.5)] }, 'low_confidence'],
    ['a request for a human', { text: 'can I talk to a real person please' }, 'human_request'],
    ['a Spanish request for a human', { text: 'quiero hablar con un agente' }, 'human_request'],
    ['a German request for a human', { text: 'Ich möchte mit einem Mitarbeiter sprechen' }, 'human_request'],
    ['a refund', { text: 'I want a refund for last month' }, 'refund'],
    ['a French cancellation', { text: 'je veux résilier mon abonnement' }, 'cancellation'],
    ['a hacked account', { text: 'my account was hacked' }, 'security'],
    ['an attachment', { hasAttachments: true }, 'attachment'],
    ['a VIP label', { labels: ['vip'] }, 'vip'],
    ['too many bot turns', { botTurns: 3 }, 'max_bot_turns'],
    ['an empty message', { text: '   ' }, 'empty'],
    ['a repeat after a bot answer', { text: 'that did not help, still not working' }, 'didnt_help'],
    ['the same question again', { lastAnsweredSop: 'va-sop-reset-001' }, 'repeat_question'],
    ['in a language without SOPs', { language: 'de', hasLanguage: false }, 'no_sop_in_language'],
    ['another client of the agency named', { otherClient: 'Acme Cloud' }, 'other_client'],
    ['a charge to reverse', { text: 'we got renewed by mistake, need that charge reversed' }, 'refund'],
    ['a Spanish cancellation in the third person', { text: 'ya no quiero la suscripción, me la dan de baja por favor' }, 'cancellation'],
    ['ending a membership', { text: 'please end my care plan membership' }, 'cancellation'],
    ['a card number pasted in chat', { text: 'here is the new card 4242 4242 4242 4242 exp 09/27' }, 'security'],
    ['a request to waive a fee', { text: 'got a no-show fee but I was sick, can you take it off?' }, 'exception_request'],
    ['a special price', { text: 'do you have special pricing for nonprofits?' }, 'exception_request'],
    ['only a greeting', { text: 'good morning!' }, 'no_question'],
    ['a German greeting', { text: 'Guten Tag zusammen' }, 'no_question'],
    ['someone else using the account', { text: 'I just saw someone get in at the gate using my QR code' }, 'security'],
    ['a third party asking for records', { text: 'my insurance company wants my records sent directly to them' }, 'legal'],
    ['cancelling an appointment (routine)', { text: 'how do I cancel my appointment on friday' }, 'answer'],
    ['stopping reminders (routine)', { text: 'how do I stop the text reminders?' }, 'answer'],
    ['a membership on hold for weeks (routine)', { text: 'can I put the membership on hold for 6 weeks while I travel' }, 'answer'],
    ['an email that never came (routine)', { text: 'the reset email never came, what do I do' }, 'answer'],
    ['a 16-digit order number that is not a card', { text: 'where is order 1234 5678 9012 3456' }, 'answer'],
    ['a Mastercard number with dashes', { text: 'card is 5555-5555-5555-4444, please charge it' }, 'security'],
    ['an Amex number', { text: 'use my amex 3782 822463 10005 for the renewal' }, 'security'],
    ['an order number that passes the check digit but is no card', { text: 'where is order 1000 4567 1234 5679' }, 'answer'],
    ["a case the SOP's steps hand to a person", { text: "lost my phone and I'm the only owner of the workspace", hits: routed }, 'sop_routes_to_va'],
    ['a routine case of that SOP', { text: 'lost my phone, our owner is on holiday: how do I get back in', hits: routed }, 'answer'],
    ['someone else in the account (French)', { text: "quelqu'un est entré au club de genève avec mon compte hier soir" }, 'security'],
    ['someone else in the account (Spanish)', { text: 'alguien entró anoche con mi cuenta al gimnasio' }, 'security'],
    ['to be put through to someone (Spanish)', { text: '¿me comunica con alguien del equipo? prefiero hablarlo por aquí' }, 'human_request'],
    ['to be passed to a person (Spanish)', { text: 'pásame con una persona por favor' }, 'human_request'],
    ['someone else using the account (French, "se sert de")', { text: "des cours réservés à Lausanne que je n'ai pas pris, quelqu'un se sert de mon compte ?" }, 'security'],
    ['someone else using the account (European Portuguese)', { text: 'acho que alguém anda a usar a minha conta, há marcações que não fiz' }, 'security'],
    ['someone else using the account (German, "verwendet")', { text: 'ich glaube jemand verwendet mein Konto, da sind Buchungen drin' }, 'security'],
    ['asking why nobody answers', { text: 'why won’t anybody pick up at the shop? tried all morning' }, 'negative_sentiment'],
    ['"not acceptable" (French)', { text: "le vestiaire est sale depuis des semaines, ce n'est pas acceptable" }, 'complaint'],
    ['"not acceptable" (German)', { text: 'die Duschen sind seit Tagen kalt, das ist nicht akzeptabel' }, 'complaint'],
    ['who answers, if nobody does (routine)', { text: 'if nobody answers the door, where do you leave the flowers?' }, 'answer'],
    ['ending "it" so the charge does not come again', { text: "I'm moving in December. How do I end it so I'm not charged the $299 again?" }, 'cancellation'],
    ['cancelling a booking so no fee is charged (routine)', { text: "can I cancel it today so I'm not charged the no-show fee?" }, 'answer'],
    ['a staff member who did not come', { text: "my trainer didn't show up to two sessions in a row" }, 'complaint'],
    ['nobody warned the customer', { text: 'the class was moved and nobody told me' }, 'complaint'],
    ['an insurer that will not reimburse (routine)', { text: "my insurance won't reimburse the crown until I send an itemized statement" }, 'answer'],
    ['a Spanish wish to end the subscription', { text: 'quiero terminar la suscripción, qué tengo que hacer?' }, 'cancellation'],
    ['"if no one answers" the door (routine)', { text: 'if no one answers the door do the flowers just go back?' }, 'answer'],
    ['a small team (routine)', { text: 'can we pay invoices by wire? we have 9 seats on team' }, 'answer'],
    ['a large account', { text: 'we are 1,200 employees, do you support SSO?' }, 'vip'],
    ['an FSA reimbursement (routine)', { text: 'need a detailed receipt for my flexible spending account reimbursement' }, 'answer'],
    ['a password never set (routine)', { text: 'never made a password for the app, how do I get in' }, 'answer'],
    ['a wish for an actual person', { text: 'is there an actual person I can chat with? the automated replies are useless' }, 'human_request'],
    ['a call from a staff member', { text: 'can I get a phone call from an actual staff member?' }, 'human_request'],
    ['a charge to undo, said shortly', { text: 'got charged $1,900 for annual by mistake, I need that reversed' }, 'refund'],
    ['a German transfer back', { text: 'ihr habt doppelt abgebucht, überweist mir bitte den zweiten Betrag zurück' }, 'refund'],
    ['a workspace to shut down', { text: "we're closing the business, please shut down our workspace" }, 'cancellation'],
    ['billing to stop', { text: 'please stop billing us from next month' }, 'cancellation'],
    ['a Portuguese renewal to stop', { text: 'não quero continuar com o plano anual. como paro a renovação?' }, 'cancellation'],
    ['a phone number for the office (routine)', { text: 'what is the phone number for the office?' }, 'answer'],
    ['a French refund with an accented ending', { text: 'je veux être remboursée' }, 'refund'],
    ['a card hit two times', { text: 'your site hit my visa two times for one order, put one of them back on my card' }, 'refund'],
    ['a French double debit with words between', { text: "on m'a prélevé la cotisation deux fois ce mois-ci" }, 'refund'],
    ['a Portuguese money back', { text: 'fui cobrado a mais e quero meu dinheiro de volta' }, 'refund'],
    ['a German membership to end, verb first', { text: 'Bitte beendet meine Mitgliedschaft per Ende nächsten Monat' }, 'cancellation'],
    ['someone checking in with my code', { text: "someone's been checking in at Basel with my QR code while I was away" }, 'security'],
    ['a fee to dispute (Portuguese)', { text: 'cobraram-me os 50 dólares. quero contestar essa taxa' }, 'exception_request'],
    ['a fee to dispute', { text: 'I want to dispute the no-show fee' }, 'exception_request'],
    ['a claim for damages', { text: 'my cat got sick from the lily, vet bill was $600 and I expect Bloom to cover it' }, 'legal'],
    ['a pet question (routine)', { text: 'are the lilies in the bouquet safe for cats?' }, 'answer'],
    ['a Spanish wish for a person of flesh and blood', { text: '¿hay alguien de carne y hueso con quien pueda hablar?' }, 'human_request'],
    ['a Portuguese wish to leave the assistant', { text: 'Há alguém da equipa disponível? Não quero continuar com o assistente automático.' }, 'human_request'],
    ['a phishing mail asking for the password', { text: 'got an email linking to acme-cloud-verify.net and asking for my password' }, 'security'],
    ['a text asking for the SSN', { text: "Got a text 'your portal is locked, verify with your SSN'. Is this you?" }, 'security'],
    ['a plan named in two words to end', { text: 'I no longer need the yearly Care Plan since my employer covers dental' }, 'cancellation'],
    ['a Portuguese double charge', { text: 'Fui cobrado em duplicado pela consulta. Podem devolver-me o valor?' }, 'refund'],
    ['flowers unlike the picture', { text: 'the roses were drooping, nothing like the picture on your site' }, 'complaint'],
    ['a French "you are mocking us"', { text: 'troisième fois que le portique refuse mon code, vous vous moquez de nous !' }, 'negative_sentiment'],
    ['a French greeting to the team', { text: "Bonsoir à toute l'équipe" }, 'no_question'],
    ['a plan question in two words (routine)', { text: 'what does the yearly Care Plan include?' }, 'answer'],
    ['an annual charge to reverse', { text: 'we only wanted monthly. Please reverse the annual charge.' }, 'refund'],
    ['a German double debit to pay back', { text: 'Diesen Monat wurde mein Beitrag zweimal abgebucht. Ich möchte die doppelte Zahlung zurück.' }, 'refund'],
    ['a data-protection request in German', { text: 'Ich möchte gemäss Datenschutzgesetz eine Kopie aller Daten' }, 'legal'],
    ['a law firm asking', { text: "I'm a paralegal at a law firm representing one of your patients in an accident claim" }, 'legal'],
    ['two greetings in Portuguese', { text: 'Olá, bom dia!' }, 'no_question'],
    ['greetings from a town', { text: 'qué tal, saludos desde Chula Vista' }, 'no_question'],
    ['only a thank-you', { text: 'thanks so much!!' }, 'no_question'],
    ['an "ok" and thanks with an emoji', { text: 'ok perfect thanks 🙏🏽' }, 'no_question'],
    ['a Portuguese thank-you', { text: 'Muito obrigada 😊' }, 'no_question'],
    ['a thank-you, then a question (routine)', { text: 'thanks! also how do I reset my password?' }, 'answer'],
    ['"ok to" a question (routine)', { text: 'ok to message in Portuguese?' }, 'answer'],
    ['an app called a joke (German)', { text: 'Zum dritten Mal kein Platz im Spinning. Eure App ist ein Witz.' }, 'negative_sentiment'],
    ['a practice called a joke (Portuguese)', { text: 'Liguei quatro vezes. Isto é um consultório ou uma piada?' }, 'negative_sentiment'],
    ['someone using the customer\'s access (French)', { text: "Une entrée à Plainpalais à 23h12, je dormais à Lausanne. Quelqu'un utilise mon accès ?" }, 'security'],
    ['a login e-mail switched to an unknown address', { text: "The email on my portal login got switched to an address I've never seen. I'm locked out." }, 'security'],
    ['account details changed, "I didn\'t do that"', { text: "Got a notification that my email and password were changed. I didn't do that and now I can't log in." }, 'security'],
    ['a step not done yet (routine)', { text: "I didn't do that step yet, how do I reset my password?" }, 'answer'],
    ['funeral flowers that came after the service', { text: "The arrangement for my uncle's funeral arrived 40 minutes after the service had started. I expected better." }, 'complaint'],
    ['Spanish flowers that came after the mass', { text: 'Las flores llegaron una hora después de la misa.' }, 'complaint'],
    ['flowers to arrive after a ceremony (routine)', { text: 'can the flowers arrive after the ceremony, at the reception?' }, 'answer'],
    ['a Spanish delivery no longer wanted', { text: 'mi novia y yo terminamos ayer, ya no quiero que llegue el ramo del sábado' }, 'cancellation'],
    ['a greeting and a name, nothing asked (Spanish)', { text: 'Buenas noches, aquí Lupita de Chula Vista' }, 'no_question'],
    ['a greeting and a name, then a question (routine)', { text: 'hi, this is Maria. how do I reset my password?' }, 'answer'],
    ['a greeting and a problem stated (routine)', { text: "hello, I'm locked out, how do I reset my password" }, 'answer'],
    ['charity pricing asked', { text: 'church youth group here, any charity pricing? how much off?' }, 'exception_request'],
    ['a plan to end before it renews', { text: "I won't need the Care Plan past this year. How do I end it before it renews?" }, 'cancellation'],
    ['a plan change before it renews (routine)', { text: 'can I change my plan before it renews?' }, 'answer'],
    ['greetings from a town, then a question (routine)', { text: 'saludos desde Chula Vista, how do I reset my password?' }, 'answer'],
    ['a greeting then a question (routine)', { text: 'hi, how do I reset my password' }, 'answer'],
    ['a VAT reverse charge on invoices (routine)', { text: 'finance says our invoices need the VAT number and reverse charge, where does that go?' }, 'answer'],
    ['a sign-in that was not the customer', { text: 'login alert says someone signed into my account from singapore, wasnt me' }, 'security'],
    ['a founder who is not the writer (routine)', { text: 'I took over the admin side from our founder, how do I reset my password' }, 'answer'],
    ['a founder writing', { text: "I'm the founder of a 40-person agency, can we talk pricing?" }, 'vip'],
    ['about as close to a retired SOP', { unpublishedBest: { sop: { ...sop('va-sop-old-001'), status: 'retired' }, score: 24 } }, 'not_published'],
    ['much closer to a published SOP than to a retired one', { unpublishedBest: { sop: { ...sop('va-sop-old-001'), status: 'retired' }, score: 23 } }, 'answer'],
    ['a fee to be taken off', { text: 'my daughter was in the ER. Can the $50 missed-appointment fee be taken off?' }, 'exception_request'],
    ['closer to an internal SOP', { internalBest: { sop: sop('va-sop-internal-001'), score: 99 } }, 'internal_only'],
    ['on a topic written only in English, matched twice as well', { language: 'fr', englishOnly: { sop: sop('va-sop-parking-001'), score: 61 } }, 'no_sop_in_language'],
    ['on a topic written only in English, matched less than twice as well', { language: 'fr', englishOnly: { sop: sop('va-sop-parking-001'), score: 59 } }, 'answer'],
  ])('when the message is %s, then the outcome is %s', (_name, change, expected) => {
    const d = decide({ ...base, ...change });
    expect(d.kind === 'escalate' ? d.trigger : d.kind).toBe(expected);
    expect(d.reason.length).toBeGreaterThan(5);
  });

  it("when a SOP step names who takes the case and how fast, then the decision carries both", () => {
    const urgent = { ...routing, steps: ['If the driver is more than 1 hour past the window, create an urgent task for carmen'] };
    expect(decide({ ...base, text: 'the driver is an hour past our window', hits: [{ ...routed[0]!, sop: urgent }] })).toMatchObject({
      kind: 'escalate',
      trigger: 'sop_routes_to_va',
      route: { va: 'carmen', urgent: true },
    });
    expect(decide({ ...base, text: "I'm the only owner and lost my phone", hits: routed })).toMatchObject({ route: { va: 'alice', urgent: false } });
    const toTeam = { ...routing, steps: ['If the invoice shows the wrong VAT number, create a task for the billing team'] };
    const d = decide({ ...base, text: 'the invoice shows the wrong VAT number, can you fix it?', hits: [{ ...routed[0]!, sop: toTeam }] });
    expect(d).toMatchObject({ trigger: 'sop_routes_to_va', route: { urgent: false } });
    expect(d.kind === 'escalate' && d.route?.va).toBeFalsy();
  });

  it("when the question names what the top SOP keeps to its internal notes, then a VA answers, and such a SOP is never offered as a choice", () => {
    const withheld = [{ ...strong[0]!, internalOnly: ['nonprofit'] }, strong[1]!];
    const d = decide({ ...base, text: 'anything for a nonprofit?', hits: withheld });
    expect(d).toMatchObject({ kind: 'escalate', trigger: 'internal_only' });
    expect(d.reason).toContain('names "nonprofit", which SOP "va-sop-reset-001" speaks of only in its internal notes');
    const close = [hit('a', 30, 1), { ...hit('b', 20, 1), internalOnly: ['nonprofit'] }];
    const c = decide({ ...base, text: 'how do I get back in', hits: close, canOfferChoice: true });
    expect(c.kind === 'clarify' && c.options.map((o) => o.uid)).toEqual(['a']);
  });

  it('when the customer asks about an amount beyond what the SOP covers, then a VA answers, naming the SOP line', () => {
    const pause = vaSopSchema.parse({
      uid: 'va-sop-pause-001',
      type: 'va.sop',
      title: 'Pause a subscription',
      status: 'published',
      content: '## Answer\n\nYou can pause for up to 8 weeks at a time.\n\n## Internal\n\nLonger pauses (>8 weeks) can be set by carmen only.',
    });
    const top = [{ ...strong[0]!, sop: pause }, strong[1]!];
    const d = decide({ ...base, text: "we're away for three months, can the subscription be paused?", hits: top });
    expect(d).toMatchObject({ kind: 'escalate', trigger: 'beyond_limit' });
    expect(d.reason).toContain('asks about three months, beyond what SOP "Pause a subscription" covers: "Longer pauses (>8 weeks) can be set by carmen only."');
    expect(decide({ ...base, text: 'can the subscription be paused for 3 weeks?', hits: top }).kind).toBe('answer');

    // Close to another SOP, the amount still decides: the customer is not offered the other one instead.
    const close = [hit('a', 30, 1), { ...hit('b', 20, 1), sop: pause }];
    const widget = { ...base, hits: close, canOfferChoice: true };
    expect(decide({ ...widget, text: 'can we stop for 3 months?' })).toMatchObject({ kind: 'escalate', trigger: 'beyond_limit' });
    const c = decide({ ...widget, text: 'can we stop for 3 weeks?' });
    expect(c.kind === 'clarify' && c.options.map((o) => o.uid)).toEqual(['a', 'va-sop-pause-001']);
  });

  describe('a message with context around its question', () => {
    // The whole message scores 0.63 (under the 0.72 threshold); its question sentences alone, 0.8.
    const diluted = [hit('va-sop-reset-001', 30, 1), hit('va-sop-billing-001', 17, 1)];
    const sharp = [hit('va-sop-reset-001', 30, 1), hit('va-sop-billing-001', 4, 0.2)];
    const input: DecisionInput = { ...base, hits: diluted, question: { text: 'how do I reset it?', hits: sharp } };

    it('when the question sentences alone retrieve the same SOP past the threshold, then the bot answers, saying so', () => {
      const d = decide(input);
      expect(d).toMatchObject({ kind: 'answer', confidence: 0.8 });
      expect(d.reason).toBe('the question "how do I reset it?" matched SOP "va-sop-reset-001" (confidence 0.8; the whole message 0.63)');
    });

    it.each<[string, Partial<DecisionInput>]>([
      ['the question retrieves another SOP', { question: { text: 'how much is it?', hits: [hit('va-sop-billing-001', 30, 1), hit('x', 4, 0.2)] } }],
      ['the whole message scores under 0.6', { hits: [hit('va-sop-reset-001', 30, 1), hit('va-sop-billing-001', 20, 1)] }],
      ['the question alone is not sure either', { question: { text: 'and this?', hits: diluted } }],
    ])('when %s, then confidence decides as before', (_name, change) => {
      expect(decide({ ...input, ...change }).kind).toBe('escalate');
    });
  });

  it('when the client raises its threshold above the confidence, then it escalates', () => {
    const d = decide({ ...base, policy: { ...defaultPolicy, threshold: 0.99 } });
    expect(d.kind).toBe('escalate');
  });

  describe('a choice of close SOPs', () => {
    // Confidence 0.59: under the 0.72 threshold, over the 0.45 floor; "c" scores under half of "a".
    const close = [hit('a', 30, 1), hit('b', 20, 1), hit('c', 8, 0.3)];
    const widget: DecisionInput = { ...base, text: 'how do I get back in', hits: close, canOfferChoice: true };
    const offered = (d: ReturnType<typeof decide>) => (d.kind === 'clarify' ? d.options.map((o) => o.uid) : d.kind === 'escalate' ? d.trigger : d.kind);

    it('when no SOP is certain, rivals are close and the channel shows buttons, then the customer chooses between the close ones', () => {
      const d = decide(widget);
      expect(offered(d)).toEqual(['a', 'b']);
      expect(d.confidence).toBe(0.59);
      expect(d.reason).toMatch(/0\.59 < threshold 0\.72: the customer chooses from 2 close SOPs/);
    });

    it.each<[string, Partial<DecisionInput>]>([
      ['the channel shows no buttons', { canOfferChoice: false }],
      ['the last bot turn was a choice the customer typed past', { choiceOffered: true }],
      ['the client turned choices off', { policy: { ...defaultPolicy, clarifyFloor: null } }],
      ['the confidence is under the floor', { policy: { ...defaultPolicy, clarifyFloor: 0.6 } }],
      ['no SOP is close at all', { hits: [hit('a', 2, 0.1), hit('b', 2, 0.1)] }],
    ])('when %s, then it escalates as before', (_name, change) => {
      expect(offered(decide({ ...widget, ...change }))).toBe('low_confidence');
    });

    it('when a rule fires or the answer is certain, then no choice is offered', () => {
      expect(offered(decide({ ...widget, text: 'I want a refund' }))).toBe('refund');
      expect(offered(decide({ ...widget, hits: strong }))).toBe('answer');
    });

    it("when a close SOP's steps hand this case to a person, or it is a canned response, then it is not offered", () => {
      const cannedB = { ...close[1]!, sop: { ...close[1]!.sop, source: CANNED_SOURCE } };
      expect(offered(decide({ ...widget, hits: [close[0]!, cannedB] }))).toEqual(['a']);
      const routedB = { ...close[1]!, sop: routing };
      expect(offered(decide({ ...widget, text: "I'm the only owner and lost my phone", hits: [close[0]!, routedB] }))).toEqual(['a']);
    });

    it("when a client's bot settings set the floor or turn choices off, then the policy says so", () => {
      expect(policyFor({}).clarifyFloor).toBe(0.45);
      expect(policyFor({ clarify_floor: 0.6 }).clarifyFloor).toBe(0.6);
      expect(policyFor({ clarify_floor: false }).clarifyFloor).toBeNull();
    });
  });
  describe('precedents (ADR 016)', () => {
    // Confidence 0.59, under the threshold: "a" and "b" are close, either could answer.
    const close = [hit('a', 30, 1), hit('b', 20, 1), hit('c', 8, 0.3)];
    const unsure: DecisionInput = { ...base, text: 'how do I get back in', hits: close };
    const like = (outcome: Precedent['outcome'], similarity: number, why?: string): Precedent => ({
      text: 'how can I get back into my account',
      outcome,
      similarity,
      ...(why ? { why } : {}),
    });
    const outcome = (d: ReturnType<typeof decide>) => (d.kind === 'answer' ? d.sop.uid : d.kind === 'escalate' ? d.trigger : d.kind);

    it('when a past question this alike was answered by a close SOP, then the bot answers with it, saying so', () => {
      const d = decide({ ...unsure, precedent: like({ answer: 'b' }, 0.3) });
      expect(outcome(d)).toBe('b');
      expect(d.confidence).toBe(0.59);
      expect(d.reason).toBe('SOP "b", close to the question (confidence 0.59), answered one like it: "how can I get back into my account" (0.3 alike)');
    });

    it.each<[string, Partial<DecisionInput>, string]>([
      ['the past question is less alike', { precedent: like({ answer: 'b' }, 0.29) }, 'low_confidence'],
      ['its SOP is not a close one', { precedent: like({ answer: 'c' }, 0.9) }, 'low_confidence'],
      ['its SOP is not retrieved at all', { precedent: like({ answer: 'z' }, 0.9) }, 'low_confidence'],
      ['the top SOP is certain', { hits: strong, precedent: like({ answer: 'va-sop-billing-001' }, 0.9) }, 'va-sop-reset-001'],
      ['a rule fires', { text: 'I want a refund', precedent: like({ answer: 'b' }, 0.9) }, 'refund'],
    ])('when %s, then the past answer changes nothing', (_name, change, expected) => {
      expect(outcome(decide({ ...unsure, ...change }))).toBe(expected);
    });

    it('when two or more of the most alike past questions were answered by the top SOP and carry half the vote, then the bot answers with it, saying so', () => {
      const alike = [like({ answer: 'b' }, 0.29), like({ answer: 'a' }, 0.27), like({ answer: 'a' }, 0.25), like({ escalate: true }, 0.2)];
      const d = decide({ ...unsure, precedent: alike[0], alike });
      expect(outcome(d)).toBe('a');
      expect(d.confidence).toBe(0.59);
      expect(d.reason).toBe('SOP "a" (confidence 0.59) answered 2 of the past questions most like this one, such as "how can I get back into my account" (0.27 alike)');
    });

    it.each<[string, Precedent[], string]>([
      ['only one voted for the top SOP', [like({ answer: 'a' }, 0.29), like({ answer: 'b' }, 0.27)], 'clarify'],
      ['they carry less than half the vote', [like({ escalate: true }, 0.29), like({ answer: 'b' }, 0.29), like({ answer: 'a' }, 0.26), like({ answer: 'a' }, 0.25)], 'clarify'],
      ['they are less alike than 0.25', [like({ answer: 'a' }, 0.24), like({ answer: 'a' }, 0.24)], 'clarify'],
      ['they voted for another SOP', [like({ answer: 'c' }, 0.29), like({ answer: 'c' }, 0.28)], 'clarify'],
    ])('when %s, then the vote changes nothing', (_name, alike, expected) => {
      expect(outcome(decide({ ...unsure, canOfferChoice: true, alike }))).toBe(expected);
    });

    it('when the top SOP is certain or a rule fires, then the vote is not read', () => {
      const alike = [like({ answer: 'va-sop-billing-001' }, 0.9), like({ answer: 'va-sop-billing-001' }, 0.8)];
      expect(outcome(decide({ ...base, hits: strong, alike }))).toBe('va-sop-reset-001');
      expect(outcome(decide({ ...unsure, text: 'I want a refund', alike: [like({ answer: 'a' }, 0.9), like({ answer: 'a' }, 0.8)] }))).toBe('refund');
    });

    it('when a past question this alike needed a person for what it asked, then this one does too, even over a certain answer', () => {
      for (const why of ['internal_only', 'unknown', 'other_client', undefined]) {
        const d = decide({ ...base, precedent: like({ escalate: true }, 0.3, why) });
        expect(outcome(d)).toBe('precedent');
        expect(d.reason).toContain('a question like this one needed a person');
      }
    });

    it('when it needed a person for how or by whom it was asked, or is less alike, then this one is decided on its own', () => {
      for (const why of ['human_request', 'negative_sentiment', 'vip', 'no_question', 'refund', 'cancellation', 'complaint', 'legal', 'security']) {
        expect(outcome(decide({ ...base, precedent: like({ escalate: true }, 0.9, why) }))).toBe('va-sop-reset-001');
      }
      expect(outcome(decide({ ...base, precedent: like({ escalate: true }, 0.29, 'internal_only') }))).toBe('va-sop-reset-001');
    });
  });
});
