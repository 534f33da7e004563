// Stands in for node's `util` in the browser build (aliased in vite-aliases.ts).
// @sigstore/verify imports only isDeepStrictEqual; TextEncoder/TextDecoder are the other
// members a browser can supply for free, for dependencies that reach for them via `util`.
import { isDeepStrictEqual } from './deep-strict-equal';

const { TextEncoder, TextDecoder } = globalThis;

export { isDeepStrictEqual, TextDecoder, TextEncoder };

const nodeUtil = { isDeepStrictEqual, TextEncoder, TextDecoder };
export default nodeUtil;
