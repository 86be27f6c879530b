import type { NewAddon, NewPlan } from './schema';

/** What the Team plan's monthly and yearly prices share. */
const team = {
  name: 'Team',
  kind: 'subscription',
  trialDays: 14,
  entitlements: ['pro', 'team'],
  includedSeats: 10,
  features: [
    'Everything in Pro for every member',
    'Shared workspace with owner, admin and member roles',
    '10 seats included (you and 9 teammates); buy extra seats any time',
    '14-day free trial',
  ],
} satisfies Partial<NewPlan>;

/** Seats beyond a Team plan's included ones: one add-on per billing period, since an add-on bills per period of its plan. */
export const addonCatalogue: NewAddon[] = [
  { id: 'seat-monthly', name: 'Extra seat (monthly)', description: 'One more member in a Team workspace, billed monthly.', priceCents: 500 },
  { id: 'seat-yearly', name: 'Extra seat (yearly)', description: 'One more member in a Team workspace, billed yearly.', priceCents: 5000 },
];

/** The starter's catalogue. Edit it, then run `npm run db:seed` (and `npm run dodo:sync` for real Dodo). */
export const catalogue: NewPlan[] = [
  {
    id: 'pro-monthly',
    name: 'Pro',
    description: 'Everything a single maker needs.',
    kind: 'subscription',
    interval: 'month',
    priceCents: 1200,
    entitlements: ['pro'],
    features: ['Pro dashboard', 'Priority email support', 'Unlimited projects'],
    sortOrder: 10,
  },
  {
    id: 'pro-yearly',
    name: 'Pro',
    description: 'Everything a single maker needs, billed yearly.',
    kind: 'subscription',
    interval: 'year',
    priceCents: 12000,
    entitlements: ['pro'],
    features: ['Pro dashboard', 'Priority email support', 'Unlimited projects', 'Two months free'],
    sortOrder: 11,
  },
  { ...team, id: 'team-monthly', description: 'Pro for the whole team, with a 14-day trial.', interval: 'month', priceCents: 4900, seatAddonId: 'seat-monthly', sortOrder: 20 },
  { ...team, id: 'team-yearly', description: 'Pro for the whole team, billed yearly, with a 14-day trial.', interval: 'year', priceCents: 49000, seatAddonId: 'seat-yearly', sortOrder: 21 },
  {
    id: 'lifetime',
    name: 'Lifetime licence',
    description: 'Pay once, use the desktop app forever. Comes with a licence key.',
    kind: 'one_time',
    priceCents: 19900,
    entitlements: ['license'],
    features: ['Desktop app licence key', 'All 1.x updates', 'Activate on 3 machines'],
    issuesLicenseKey: true,
    sortOrder: 30,
  },
  {
    id: 'credits-1000',
    name: '1,000 credits',
    description: 'A prepaid balance for API calls. Credits never expire.',
    kind: 'credits',
    priceCents: 1000,
    credits: 1000,
    entitlements: ['credits'],
    features: ['1,000 API credits', 'Stackable', 'No expiry'],
    sortOrder: 40,
  },
];
