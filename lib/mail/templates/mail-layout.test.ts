// The cached shapes write exactly what React writes for the same mail, whatever its text holds.
import { describe, expect, it } from 'vitest';
import { renderMail, renderWithReact, type MailContent } from './mail-layout';

const receipt: MailContent = {
  preview: 'Thanks for your payment',
  heading: 'Payment received',
  paragraphs: ['Hi Ada,', 'We received your payment for Pro (monthly).'],
  details: [
    { label: 'Amount', value: '$19.00' },
    { label: 'Payment', value: 'pay_123' },
  ],
  action: { label: 'Open billing', href: 'https://app.example.com/billing?x=1&y=2' },
  after: ['Questions? Reply to this email.'],
};

const awkward: MailContent[] = [
  receipt,
  { ...receipt, preview: 'Tom & Jerry <team> "quoted" it\'s $& $1 done', heading: '<script>alert(1)</script>', paragraphs: ['a & b', 'x < y > z', '$& $$ $1'] },
  { ...receipt, details: [{ label: 'Name', value: 'Zoë 🚀 O\'Brien' }], code: 'ABCD-EFGH-1234', after: undefined },
  { preview: 'p'.repeat(149), heading: 'h', paragraphs: [] },
  { preview: 'long '.repeat(40), heading: 'Long preview', paragraphs: ['One'], action: { label: 'Go', href: 'https://x.test/?a="b"' } },
  { preview: 'Marker-like @@mail-slot-0@@ text', heading: 'Odd', paragraphs: ['@@mail-slot-1@@'] },
  { preview: 'Has an empty line', heading: 'Empty', paragraphs: ['', 'after empty'] },
];

describe('renderMail', () => {
  it('writes the same HTML as React for every text, on the first render of a shape and from its cache', async () => {
    for (const content of awkward) {
      const expected = await renderWithReact(content);
      expect((await renderMail(content)).html).toBe(expected);
      expect((await renderMail(content)).html).toBe(expected);
    }
  });

  it('fills one cached shape with another mail text of the same shape', async () => {
    const other = { ...receipt, preview: 'Thanks for your money!!', heading: 'Another heading', paragraphs: ['Hi Bob,', 'Yearly this time.'] };
    await renderMail(receipt);
    expect((await renderMail(other)).html).toBe(await renderWithReact(other));
  });
});
