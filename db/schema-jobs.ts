// Background fulfilment: tables of lib/jobs and lib/mail.
export {};
