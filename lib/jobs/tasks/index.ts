// Every kind's handler. Adding a kind: a file here, an entry below, its name in FULFILMENT_KINDS.
import type { FulfilmentHandler, FulfilmentKind } from '../kinds';
import { sendAccountEmail } from './account-email';
import { postCrmWebhook } from './crm-webhook';
import { disableLicenseKeys } from './disable-license-keys';
import { syncDodoCustomerEmail } from './dodo-customer-email';
import { sendDunningEmail } from './dunning-email';
import { sendInvitationEmail } from './invitation-email';
import { sendLicenseKeyEmail } from './license-key-email';
import { sendOnboardingEmail } from './onboarding-email';
import { provisionWorkspace } from './provision-workspace';
import { sendReceiptEmail } from './receipt-email';
import { sendRefundEmail } from './refund-email';
import { sendTrialEndingEmail, sendTrialStartedEmail } from './trial-email';

export const fulfilmentHandlers: Record<FulfilmentKind, FulfilmentHandler> = {
  receipt_email: sendReceiptEmail,
  onboarding_email: sendOnboardingEmail,
  license_key_email: sendLicenseKeyEmail,
  provision_workspace: provisionWorkspace,
  crm_webhook: postCrmWebhook,
  dunning_email: sendDunningEmail,
  invitation_email: sendInvitationEmail,
  refund_email: sendRefundEmail,
  disable_license_keys: disableLicenseKeys,
  account_email: sendAccountEmail,
  trial_started_email: sendTrialStartedEmail,
  trial_ending_email: sendTrialEndingEmail,
  dodo_customer_email: syncDodoCustomerEmail,
};
