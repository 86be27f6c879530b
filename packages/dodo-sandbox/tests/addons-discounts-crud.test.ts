// Conformance: add-ons and discount codes through the official `dodopayments` client.
import { NotFoundError, UnprocessableEntityError } from 'dodopayments';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';

const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Za-z0-9]{21}$`);

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('add-ons', () => {
  it('creates, retrieves, lists and updates an add-on; an unknown id is NotFoundError', async () => {
    const seat = await h.client.addons.create({ name: 'Extra seat', price: 900, currency: 'USD', tax_category: 'saas', description: 'One more member' });
    expect(seat.id).toMatch(ID('adn'));
    expect(seat).toMatchObject({ name: 'Extra seat', price: 900, currency: 'USD', tax_category: 'saas', description: 'One more member', image: null });
    expect(await h.client.addons.retrieve(seat.id)).toEqual(seat);
    const updated = await h.client.addons.update(seat.id, { price: 1000 });
    expect(updated).toMatchObject({ id: seat.id, price: 1000, name: 'Extra seat' });
    const listed = [];
    for await (const addon of h.client.addons.list()) listed.push(addon.id);
    expect(listed).toContain(seat.id);
    await expect(h.client.addons.retrieve('adn_000000000000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a negative price with INVALID_REQUEST_BODY and stores nothing', async () => {
    const error = await h.client.addons.create({ name: 'Bad', price: -1, currency: 'USD', tax_category: 'saas' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect((error as UnprocessableEntityError).error).toMatchObject({ code: 'INVALID_REQUEST_BODY' });
    const names = [];
    for await (const addon of h.client.addons.list()) names.push(addon.name);
    expect(names).not.toContain('Bad');
  });
});

describe('discounts', () => {
  it('creates, retrieves (by id and by code), lists, updates and deletes a code', async () => {
    const code = `SAVE${Date.now()}`;
    const discount = await h.client.discounts.create({ amount: 2000, type: 'percentage', code, usage_limit: 5, restricted_to: ['pdt_team'] });
    expect(discount.discount_id).toMatch(ID('dis'));
    expect(discount).toMatchObject({ code, amount: 2000, type: 'percentage', usage_limit: 5, times_used: 0, restricted_to: ['pdt_team'], customer_eligibility: 'any' });
    expect(await h.client.discounts.retrieve(discount.discount_id)).toEqual(discount);
    expect(await h.client.discounts.retrieveByCode(code)).toEqual(discount);

    const forTeam = await h.client.discounts.list({ product_id: 'pdt_team', code });
    expect(forTeam.items.map((d) => d.discount_id)).toEqual([discount.discount_id]);
    expect((await h.client.discounts.list({ product_id: 'pdt_other', code })).items).toEqual([]);

    const expired = await h.client.discounts.update(discount.discount_id, { expires_at: new Date(Date.now() - 1000).toISOString() });
    expect(expired.expires_at).not.toBeNull();
    expect((await h.client.discounts.list({ active: true, code })).items).toEqual([]);
    expect((await h.client.discounts.list({ active: false, code })).items).toHaveLength(1);

    await h.client.discounts.delete(discount.discount_id);
    await expect(h.client.discounts.retrieve(discount.discount_id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(h.client.discounts.retrieveByCode(code)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('generates a code when none is given; refuses a taken code and a percentage above 100 %', async () => {
    const generated = await h.client.discounts.create({ amount: 500, type: 'flat' });
    expect(generated.code).toMatch(/^[A-Z0-9]{3,16}$/);
    const taken = await h.client.discounts.create({ amount: 100, type: 'flat', code: generated.code }).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(UnprocessableEntityError);
    expect((taken as UnprocessableEntityError).error).toMatchObject({ code: 'INVALID_REQUEST_BODY' });
    const tooMuch = await h.client.discounts.create({ amount: 10_001, type: 'percentage' }).catch((e: unknown) => e);
    expect(tooMuch).toBeInstanceOf(UnprocessableEntityError);
    await expect(h.client.discounts.retrieveByCode('NO-SUCH-CODE')).rejects.toBeInstanceOf(NotFoundError);
  });
});
