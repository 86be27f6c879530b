// Auth.js endpoints: OAuth redirects and callbacks, the session, CSRF. The forms use server actions.
import { handlers } from '@/lib/auth/config';

export const { GET, POST } = handlers;
