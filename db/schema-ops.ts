// Operations: tables of the operator console (tracing, reconciliation).
export {};
