// Defined only by e2e builds (vite.config.ts), where the fixture server's test Sigstore
// instance must be trusted next to production; production builds leave it undefined or null.
declare const __PROVENANCE_LENS_TRUST_OVERLAY__: { trustedRoot: unknown; npmKeys: unknown } | null;
