// The one entry point of the pure verification core: everything outside src/core imports from here.
import type { CoreApi } from './api';
import { verifyBundle } from './bundle';
import { verifyNpmAttestations } from './npm';
import { verifyPypiProvenance } from './pypi';
import { createTrustContext } from './trust';

export type * from './api';
export type * from './verdict';
export { packageKey } from './verdict';
export { ERROR_CODES, ProvenanceError, isErrorCode, isUnavailableCode, stageOf } from './errors';
export type { ErrorCode, ErrorStage } from './errors';
export { embeddedTrustContext, embeddedTrustInput } from './trust-embedded';
export { createTrustContext, verifyBundle, verifyNpmAttestations, verifyPypiProvenance };

export const core: CoreApi = { createTrustContext, verifyPypiProvenance, verifyNpmAttestations, verifyBundle };
