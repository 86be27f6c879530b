/** Questions buyers ask before paying; shown on the landing and pricing pages. Keep every answer true of the code. */
export const BILLING_FAQ = [
  {
    question: 'When do I get access?',
    answer:
      'As soon as Dodo Payments confirms the payment to our server, usually within seconds. The page you return to waits for that confirmation, so access never depends on the redirect alone.',
  },
  {
    question: 'Can I change or cancel my plan?',
    answer:
      'Yes, from the billing page: switch plans with a preview of the prorated charge, or cancel. Cancelling at the end of the period keeps your access until then; cancelling now ends it at once.',
  },
  {
    question: 'What happens if a renewal payment fails?',
    answer:
      'You keep access for a short grace period while you update your payment method from the billing page. We email you when it happens.',
  },
  {
    question: 'How does the lifetime licence work?',
    answer: 'You pay once and receive a licence key by email and on the licence page. Activate it in the desktop app on up to three machines.',
  },
  {
    question: 'Which payment methods can I use?',
    answer: 'Cards, and the methods Dodo Payments offers in your country at checkout. Dodo Payments is the merchant of record and handles sales tax.',
  },
] as const;
