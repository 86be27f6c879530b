// Request-body pieces shared by several resources, shaped like the SDK's params types.
import { z } from 'zod';
import { CURRENCIES } from '../core/enums';

export const metadataSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

const countrySchema = z
  .string()
  .length(2)
  .transform((c) => c.toUpperCase());

export const billingAddressSchema = z.object({
  country: countrySchema,
  city: z.string().nullish(),
  state: z.string().nullish(),
  street: z.string().nullish(),
  zipcode: z.string().nullish(),
});

export const timeIntervalSchema = z.enum(['Day', 'Week', 'Month', 'Year']);

export const currencySchema = z
  .string()
  .transform((c) => c.toUpperCase())
  .pipe(z.enum(CURRENCIES));

export const taxCategorySchema = z.enum(['digital_products', 'saas', 'e_book', 'edtech', 'live_tutoring']);
