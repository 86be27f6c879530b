// Customers: `POST/GET /customers`, `GET/PATCH /customers/{id}`, `GET /customers/{id}/payment-methods`.
import { z } from 'zod';
import type { Customer, CustomerRetrievePaymentMethodsResponse } from 'dodopayments/resources/customers/customers';
import type { CustomerLimitedDetails } from 'dodopayments/resources/payments';
import type { SandboxCore } from '../core/context';
import { Reply, notFound, parseBody, type Router } from '../core/http';
import { ID_PREFIX, newId } from '../core/ids';
import { createdWithin, newestFirst, paginate } from '../core/pagination';
import { instrumentDetails } from '../core/test-instruments';
import type { PaymentMethodRecord } from '../core/state';
import { metadataSchema } from './schemas';

const customerCreateSchema = z.object({
  email: z.email(),
  name: z.string(),
  phone_number: z.string().nullish(),
  metadata: metadataSchema.optional(),
});

const customerUpdateSchema = z.object({
  email: z.email().nullish(),
  name: z.string().nullish(),
  phone_number: z.string().nullish(),
  metadata: metadataSchema.nullish(),
});

export function getCustomer(core: SandboxCore, customerId: string): Customer {
  const customer = core.state.customers[customerId];
  if (!customer) throw notFound('Customer', customerId);
  return customer;
}

function findCustomerByEmail(core: SandboxCore, email: string): Customer | null {
  const wanted = email.toLowerCase();
  return Object.values(core.state.customers).find((c) => c.email.toLowerCase() === wanted) ?? null;
}

/** Dodo attaches a known email to the existing customer unless told to always create a new one. */
export function findOrCreateCustomer(
  core: SandboxCore,
  input: { email: string; name?: string | null; phone_number?: string | null; metadata?: Customer['metadata'] },
  alwaysCreateNew = false,
): Customer {
  const existing = alwaysCreateNew ? null : findCustomerByEmail(core, input.email);
  if (existing) return existing;
  const customer: Customer = {
    customer_id: newId(ID_PREFIX.customer),
    business_id: core.state.business_id,
    created_at: core.now(),
    email: input.email,
    name: input.name ?? input.email.split('@')[0],
    phone_number: input.phone_number ?? null,
    metadata: input.metadata ?? {},
  };
  core.state.customers[customer.customer_id] = customer;
  return customer;
}

export function customerLimitedDetails(customer: Customer): CustomerLimitedDetails {
  return {
    customer_id: customer.customer_id,
    email: customer.email,
    name: customer.name,
    metadata: customer.metadata ?? {},
    phone_number: customer.phone_number ?? null,
  };
}

export function savePaymentMethod(core: SandboxCore, record: Omit<PaymentMethodRecord, 'payment_method_id' | 'created_at'>): PaymentMethodRecord {
  const saved: PaymentMethodRecord = { ...record, payment_method_id: newId(ID_PREFIX.paymentMethod), created_at: core.now() };
  core.state.payment_methods[saved.payment_method_id] = saved;
  return saved;
}

function toPaymentMethodItem(record: PaymentMethodRecord): CustomerRetrievePaymentMethodsResponse.Item {
  const details = instrumentDetails(record.instrument);
  return {
    payment_method: record.instrument.kind,
    payment_method_id: record.payment_method_id,
    payment_method_type: record.instrument.kind === 'card' ? 'credit' : 'upi_collect',
    recurring_enabled: true,
    last_used_at: null,
    card:
      record.instrument.kind === 'card'
        ? { card_network: details.card_network, card_type: details.card_type, last4_digits: details.card_last_four, expiry_month: '12', expiry_year: '2034' }
        : null,
  };
}

export function registerCustomerRoutes(router: Router, core: SandboxCore): void {
  router
    .post('/customers', ({ body }) => findOrCreateCustomer(core, parseBody(customerCreateSchema, body)))
    .get('/customers', ({ query }) => {
      const email = query.get('email')?.toLowerCase();
      const name = query.get('name');
      const customers = newestFirst(Object.values(core.state.customers)).filter(
        (c) => (!email || c.email.toLowerCase() === email) && (!name || c.name === name) && createdWithin(query, c.created_at),
      );
      return paginate(customers, query);
    })
    .get('/customers/:id', ({ params }) => getCustomer(core, params.id))
    .patch('/customers/:id', ({ params, body }) => {
      const customer = getCustomer(core, params.id);
      const input = parseBody(customerUpdateSchema, body);
      if (input.email) customer.email = input.email;
      if (input.name) customer.name = input.name;
      if (input.phone_number !== undefined) customer.phone_number = input.phone_number;
      if (input.metadata) customer.metadata = input.metadata;
      return customer;
    })
    .delete('/customers/:id/payment-methods/:payment_method_id', ({ params }) => {
      getCustomer(core, params.id);
      const method = core.state.payment_methods[params.payment_method_id];
      if (!method || method.customer_id !== params.id) throw notFound('Payment method', params.payment_method_id);
      delete core.state.payment_methods[method.payment_method_id];
      // Subscriptions that renewed with it have no method now: their next charge fails until a new one is set.
      for (const subscription of Object.values(core.state.subscriptions).filter((s) => s.payment_method_id === method.payment_method_id)) {
        subscription.payment_method_id = null;
        subscription.has_payment_method = false;
      }
      return new Reply(200, undefined);
    })
    .get('/customers/:id/payment-methods', ({ params }) => {
      getCustomer(core, params.id);
      const methods = Object.values(core.state.payment_methods).filter((m) => m.customer_id === params.id);
      return { items: methods.map(toPaymentMethodItem) };
    });
}
