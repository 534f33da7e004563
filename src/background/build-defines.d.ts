// Defined only by e2e builds (vite.config.ts), where the fixture server's test Sigstore
// instance must be trusted next to production; production builds leave it undefined or null.
declare const __PROVENANCE_LENS_TRUST_OVERLAY__: { trustedRoot: unknown; npmKeys: unknown } | null;
// Defined only by e2e builds that name a generated TUF repository's root.json (its text), which
// the worker's TUF refresh then starts from; production builds leave it undefined or null.
declare const __PROVENANCE_LENS_TUF_ROOT__: string | null;
