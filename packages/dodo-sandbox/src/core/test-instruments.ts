// Dodo's test-mode cards and UPI ids, and what charging each one does.

export type ChargeOutcome = { ok: true } | { ok: false; error_code: string; error_message: string };

export type TestInstrument = { kind: 'card'; card_number: string } | { kind: 'upi'; upi_id: string };

/** `offSession` overrides the outcome for charges made without the buyer (renewals, retries, plan changes). */
type CardBehaviour = { network: string; outcome: ChargeOutcome; offSession?: ChargeOutcome; threeDs?: boolean };

const DECLINED_LATER: ChargeOutcome = {
  ok: false,
  error_code: 'GENERIC_DECLINE',
  error_message: 'The saved card was declined on a later charge (test card 4000 0000 0000 0341).',
};

/** Documented in README.md (test cards); any other well-formed number is declined with CARD_DECLINED. */
export const TEST_CARDS: Readonly<Record<string, CardBehaviour>> = {
  '4242424242424242': { network: 'VISA', outcome: { ok: true } },
  '5555555555554444': { network: 'MASTERCARD', outcome: { ok: true } },
  // Dodo's Indian test cards (RBI e-mandate rules are not emulated: they behave like any success card).
  '4576238912771450': { network: 'VISA', outcome: { ok: true } },
  '5409162069381034': { network: 'MASTERCARD', outcome: { ok: true } },
  '4000000000000341': { network: 'VISA', outcome: { ok: true }, offSession: DECLINED_LATER },
  // 3DS: the checkout page shows a challenge the buyer passes or fails; off-session charges need none.
  '4000002760003184': { network: 'VISA', outcome: { ok: true }, threeDs: true },
  '4000000000003220': { network: 'VISA', outcome: { ok: true }, threeDs: true },
  '4000000000000002': { network: 'VISA', outcome: { ok: false, error_code: 'GENERIC_DECLINE', error_message: 'The card was declined.' } },
  '4000000000009995': {
    network: 'VISA',
    outcome: { ok: false, error_code: 'INSUFFICIENT_FUNDS', error_message: 'The card has insufficient funds.' },
  },
};

export const TEST_UPI_IDS: Readonly<Record<string, ChargeOutcome>> = {
  'success@upi': { ok: true },
  'failure@upi': { ok: false, error_code: 'GENERIC_DECLINE', error_message: 'The UPI payment was declined.' },
};

const UNKNOWN_CARD: ChargeOutcome = {
  ok: false,
  error_code: 'CARD_DECLINED',
  error_message: 'The card was declined: only test cards are accepted in the sandbox.',
};
const UNKNOWN_UPI: ChargeOutcome = {
  ok: false,
  error_code: 'GENERIC_DECLINE',
  error_message: 'The UPI payment was declined: only success@upi succeeds in the sandbox.',
};

/** Normalises raw buyer input; null when it is not a plausible card number or UPI id. */
export function parseInstrument(input: { card_number?: string; upi_id?: string }): TestInstrument | null {
  if (input.card_number !== undefined && input.card_number !== '') {
    const digits = input.card_number.replace(/[\s-]/g, '');
    return /^\d{12,19}$/.test(digits) ? { kind: 'card', card_number: digits } : null;
  }
  if (input.upi_id !== undefined && input.upi_id !== '') {
    const upi = input.upi_id.trim().toLowerCase();
    return /^[\w.-]+@[\w.-]+$/.test(upi) ? { kind: 'upi', upi_id: upi } : null;
  }
  return null;
}

export function instrumentOutcome(instrument: TestInstrument, offSession: boolean): ChargeOutcome {
  if (instrument.kind === 'upi') return TEST_UPI_IDS[instrument.upi_id] ?? UNKNOWN_UPI;
  const card = TEST_CARDS[instrument.card_number];
  if (!card) return UNKNOWN_CARD;
  return (offSession && card.offSession) || card.outcome;
}

/** Whether paying with this instrument on the checkout page needs a 3D Secure challenge (its own, or `force_3ds`). */
export function needsThreeDs(instrument: TestInstrument, forced: boolean): boolean {
  return instrument.kind === 'card' && (forced || TEST_CARDS[instrument.card_number]?.threeDs === true);
}

/** The fields a payment shows about the instrument that paid it. */
export function instrumentDetails(instrument: TestInstrument): {
  payment_method: string;
  payment_method_type: string | null;
  card_last_four: string | null;
  card_network: string | null;
  card_type: string | null;
} {
  if (instrument.kind === 'upi') {
    return { payment_method: 'upi', payment_method_type: 'upi_collect', card_last_four: null, card_network: null, card_type: null };
  }
  return {
    payment_method: 'card',
    payment_method_type: 'credit',
    card_last_four: instrument.card_number.slice(-4),
    card_network: TEST_CARDS[instrument.card_number]?.network ?? 'UNKNOWN',
    card_type: 'CREDIT',
  };
}
