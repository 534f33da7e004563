// The words for each certificate field a publisher change can be in: one list for the badge's
// continuity sentences (ui/continuity-text.ts) and the timeline's notes (core/history/notes.ts).
import type { PublisherChange } from './verdict';

export const FIELD_NAMES: Record<PublisherChange['field'], string> = {
  repository: 'repository',
  repositoryId: 'repository id',
  ownerId: 'owner id',
  workflowPath: 'workflow',
  issuer: 'issuer',
  email: 'e-mail',
  builder: 'builder',
};
