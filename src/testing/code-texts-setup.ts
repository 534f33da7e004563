// Unit tests render views as an extension page does: with every code's sentence known. The
// content scripts' own path (sentences learnt from replies) is tested in worker-client.test.ts.
import { learnCodeTexts } from '../shared/code-text';
import { CODE_TEXTS } from '../shared/code-text-table';

learnCodeTexts(CODE_TEXTS);
