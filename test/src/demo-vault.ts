import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A small vault in the fixtures' world: account 1 "Acme Support", inbox 3, agents 7 (Sam/alice)
 * and 8 (bob), team 2. Used by the end-to-end tests.
 */
export function writeTestVault(dir: string): string {
  const note = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  note(
    'clients/acme/client.md',
    `---
uid: va-client-acme-001
type: va.client
title: Acme Cloud
status: active
time_zone: America/New_York
sla: { first_response_minutes: 30, resolution_hours: 24 }
---
Acme Cloud, B2B SaaS.
`,
  );
  note(
    'clients/acme/support.md',
    `---
uid: va-support-acme-001
type: va.customer_support
title: Acme support on Chatwoot
client_uid: va-client-acme-001
platform: chatwoot
chatwoot_account_id: 1
chatwoot_inbox_ids: [3]
channels: [chat, email]
assigned_vas: [alice, bob]
primary_va: alice
backup_vas: [bob]
chatwoot_agent_ids: { alice: 7, bob: 8 }
chatwoot_team_id: 2
status: active
---
`,
  );
  note(
    'clients/acme/sops/va-sop-acme-password-reset-001.md',
    `---
uid: va-sop-acme-password-reset-001
type: va.sop
client_uid: va-client-acme-001
title: Reset your password
category: support
status: published
locale: en
tags: [password, login, reset, sign in]
sensitivity: { level: public }
---
## Answer
Open the sign-in page, choose **Forgot password**, enter your account email and follow the link we email you. The link works for 60 minutes.

## Internal
If the reset email bounces, check the user in the admin console before replying.
`,
  );
  note(
    'clients/acme/sops/va-sop-acme-invoices-001.md',
    `---
uid: va-sop-acme-invoices-001
type: va.sop
client_uid: va-client-acme-001
title: Download your invoices
category: support
status: published
locale: en
tags: [invoice, billing, receipt]
sensitivity: { level: public }
---
## Answer
Go to Settings → Billing → Invoices and choose Download next to any invoice. Invoices are PDF files.
`,
  );
  return dir;
}
