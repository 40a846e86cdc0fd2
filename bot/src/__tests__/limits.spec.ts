import { vaSopSchema } from '@sbf-chatwoot/shared';
import { describe, expect, it } from 'vitest';
import type { Language } from '../knowledge/language.ts';
import { askedQuantities, limitExceeded, limitsOf } from '../knowledge/limits.ts';
import { quantitiesIn } from '../knowledge/quantities.ts';

// Shaped like the eval vault's SOPs: a bound in the answer, one in the internal notes, one in a step.
const pause = vaSopSchema.parse({
  uid: 'va-sop-bloom-pause-subscription-001',
  type: 'va.sop',
  title: 'Pause or skip a subscription delivery',
  status: 'published',
  steps: ['Check the subscription in Recharge'],
  content: '## Answer\n\nYou can pause for up to 8 weeks at a time, and we\'ll email you a reminder a week before deliveries start again.\n\n## Internal\n\nLonger pauses (>8 weeks) can be set in Recharge by carmen only.',
});
const freeze = vaSopSchema.parse({
  uid: 'va-sop-kora-freeze-membership-fr-001',
  type: 'va.sop',
  title: 'Suspendre (geler) votre abonnement',
  status: 'published',
  locale: 'fr',
  steps: ['Send the freeze rules', 'Requests with less than 7 days notice: create a task for elise'],
  content: "## Answer\n\nVous pouvez suspendre votre abonnement de 1 à 3 mois. Faites la demande au moins 7 jours avant votre prochaine date de prélèvement.\n\n## Internal\n\nFreezes longer than 3 months are only possible for medical reasons and need elise's approval.",
});
const export_ = vaSopSchema.parse({
  uid: 'va-sop-acme-data-export-001',
  type: 'va.sop',
  title: 'Export your data',
  status: 'published',
  steps: [],
  content: '## Answer\n\nWe email you a download link, usually within 15 minutes.\n\n## Internal\n\nExports over 10 GB can time out; ask bob to run it from the admin console.',
});
const training = vaSopSchema.parse({
  uid: 'va-sop-kora-personal-training-001',
  type: 'va.sop',
  title: 'Personal training',
  status: 'published',
  steps: [],
  content: '## Answer\n\nSessions can be moved free of charge up to 24 hours before they start.',
});

const payments = vaSopSchema.parse({
  uid: 'va-sop-lumen-payment-plans-001',
  type: 'va.sop',
  title: 'Payment options and financing',
  status: 'published',
  steps: ['Send the options'],
  content: "## Answer\n\nFor treatment over $1,000 you can split the cost into 3 monthly payments with us, interest-free.\n\n## Internal\n\nIn-house 3-payment plans need a card on file and ivan's approval above $3,000.",
});

const storage = vaSopSchema.parse({
  uid: 'va-sop-acme-storage-limits-001',
  type: 'va.sop',
  title: 'File upload size and storage limits',
  status: 'published',
  content: '## Answer\n\nEach attachment can be up to 100 MB on Free and Team, and up to 2 GB on Business and Enterprise.',
});

describe('amounts in a message', () => {
  it.each<[Language, string, Array<[string, number]>]>([
    ['en', 'we have about 40GB of files', [['40gb', 40]]],
    ['en', 'gone for three months, maybe 2 weeks more', [['three months', 90], ['2 weeks', 14]]],
    ['en', 'a 1,5 gb file and 4,000 MB', [['1,5 gb', 1.5], ['4,000 mb', 4]]],
    ['fr', 'je ne pourrai pas venir pendant cinq mois', [['cinq mois', 150]]],
    ['de', 'Ich bin fünf Monate weg, ab in 4 Tagen', [['funf monate', 150], ['4 tagen', 4]]],
    ['pt', 'posso pausar por duas semanas?', [['duas semanas', 14]]],
    ['es', 'estaré fuera 2 meses', [['2 meses', 60]]],
    ['en', 'my 2fa code and order 1234 are not amounts', []],
    ['en', 'about $4,500, or $1,600.50 up front', [['$4,500', 4500], ['$1,600.50', 1600.5]]],
    ['fr', "ça coûte CHF 1'200 ou 200 francs ?", [["chf 1'200", 1200], ['200 francs', 200]]],
    ['de', 'Die Rechnung ist 4.500 Euro', [['4.500 euro', 4500]]],
  ])('in %s, "%s" holds %j', (lang, text, expected) => {
    expect(quantitiesIn(text, lang).map((q) => [q.text, +q.value.toFixed(3)])).toEqual(expected);
  });

  it.each<[Language, string]>([
    ['es', 'quiero flores cada 15 días'],
    ['en', 'our every-two-weeks subscription'],
    ['fr', 'je suis enceinte de 5 mois'],
    ['en', 'I joined 3 years ago'],
    ['de', 'ich habe vor 4 Tagen bezahlt'],
    ['fr', "je voudrais passer samedi vers 7h, c'est ouvert ?"],
    ['en', 'my 14-year-old daughter wants to train with me'],
    ['fr', "j'ai 22 ans, je suis étudiante"],
  ])('in %s, "%s" asks for no amount: a frequency, an age, a time of day or time already passed', (lang, text) => {
    expect(askedQuantities(text, lang)).toEqual([]);
  });
});

describe('the limits a SOP sets', () => {
  it('reads both kinds of bound from the steps and internal notes, and none from the answer', () => {
    expect(limitsOf(pause).map((l) => [l.bound, l.value, l.sentence])).toEqual([['upper', 56, 'Longer pauses (>8 weeks) can be set in Recharge by carmen only.']]);
    expect(limitsOf(freeze).map((l) => [l.bound, l.value])).toEqual([['lower', 7], ['upper', 90]]);
    expect(limitsOf(export_).map((l) => [l.dimension, l.value])).toEqual([['data', 10]]);
  });

  it('takes "up to 24 hours before" in a step for the notice a customer gives, which is no upper bound', () => {
    expect(limitsOf({ ...training, steps: ['Sessions can be moved up to 24 hours before they start'] })).toEqual([]);
    expect(limitsOf({ ...training, steps: ['Sessions can be moved up to 24 hours'] }).map((l) => [l.bound, l.value])).toEqual([['upper', 1]]);
  });

  it('leaves a bound the answer tells the customer to the answer, which may bound something else', () => {
    expect(limitsOf(storage)).toEqual([]);
    expect(limitExceeded(storage, askedQuantities("how much storage does Team have? we're at 87 GB", 'en'))).toBeUndefined();
  });

  it.each<[string, typeof pause, Language, string, string | undefined]>([
    ['a pause of three months', pause, 'en', "we're away three months, can deliveries stop?", 'three months'],
    ['a pause of six weeks', pause, 'en', 'can I pause for 6 weeks?', undefined],
    ['a pause of "more than 8 weeks"', pause, 'en', 'can I pause for more than 8 weeks?', '8 weeks'],
    ['a five-month freeze, in French', freeze, 'fr', 'je peux suspendre 5 mois ?', '5 mois'],
    ['two months of freeze', freeze, 'fr', 'suspendre 2 mois, possible ?', undefined],
    ['a freeze four days ahead', freeze, 'fr', 'mon prélèvement est dans 4 jours', '4 jours'],
    ['an export of 25 GB', export_, 'en', 'the export times out, we have 25 GB', '25 gb'],
    ['an export of 800 MB', export_, 'en', 'exporting 800 MB, how long?', undefined],
    ['a freeze by someone 5 months pregnant', freeze, 'fr', 'je suis enceinte de 5 mois, je peux suspendre ?', undefined],
    ['a $4,500 plan in 3 payments', payments, 'en', 'My treatment comes to about $4,500. Can I use your 3-payment option?', '$4,500'],
    ['a $1,600 plan in 3 payments', payments, 'en', 'my estimate is $1,600, can I split it in 3?', undefined],
    ['a plan in another currency', payments, 'en', 'my estimate is 4,500 francs, can I split it in 3?', undefined],
  ])('%s: beyond the SOP\'s limit → %s', (_name, sop, lang, text, asked) => {
    expect(limitExceeded(sop, askedQuantities(text, lang))?.asked).toBe(asked);
  });
});
