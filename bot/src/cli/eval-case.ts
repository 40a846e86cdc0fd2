import { z } from 'zod';
import type { AssessInput } from '../assess.ts';
import type { Directory } from '../sbf/directory.ts';
import type { LabelledCase } from '../knowledge/precedents.ts';
import { policyFor } from '../triage.ts';

/** One line of a clicks file: the button the customer who wrote `text` clicked when offered a choice. */
export const clickSchema = z.object({ client_uid: z.string(), text: z.string(), click: z.string() });

/**
 * What the handler would pass for this message as the first of a new conversation; `canOfferChoice`
 * as in the web widget (buttons), or not, as in e-mail and most messaging channels.
 */
export function assessInputFor(
  c: Pick<LabelledCase, 'text' | 'client_uid' | 'lang' | 'labels'>,
  directory: Directory,
  canOfferChoice = true,
): AssessInput {
  return {
    canOfferChoice,
    clientUid: c.client_uid,
    text: c.text,
    languageHint: c.lang,
    botTurns: 0,
    labels: c.labels ?? [],
    hasAttachments: false,
    policy: policyFor(directory.byClient(c.client_uid)?.support.bot),
    otherClient: directory.otherClientNamed(c.client_uid, c.text)?.title,
  };
}
