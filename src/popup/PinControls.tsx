// Pinning from the popup: the package's current pin with Unpin, or an offer to pin it to the
// publisher that signed the version on screen, and the publishers seen so far. A changed pin
// changes the verdict, so the worker's fresh verdict for this version replaces the shown one.
import { Breakable } from '../ui/LongValue';
import { useEffect, useState } from 'preact/hooks';
import type { IdentityPin } from '../core/api';
import { pinFromIdentity } from '../core/continuity';
import type { PackageVerdict } from '../core/verdict';
import { codeText } from '../shared/code-text';
import type { PackageName, SeenIdentity } from '../shared/messages';
import { describeBuilderUri, describePin } from '../shared/pin-text';
import { Fold } from '../ui/Fold';
import type { Ask } from '../ui/worker-client';
import { SeenList } from './SeenList';

interface Props {
  ask: Ask;
  verdict: PackageVerdict;
  onVerdict: (verdict: PackageVerdict) => void;
}

type PinInfo = { pin: IdentityPin | null; seen: SeenIdentity[] };

/**
 * What a pin holds, in words, in the order a reader checks it: shown before a person pins and
 * while a pin stands, so the ids and builder a pin also requires are no surprise later.
 */
function pinFacts(pin: IdentityPin): [string, string][] {
  const facts: [string, string][] = [['Signed in through', pin.issuer]];
  if (pin.email !== undefined) facts.push(['Service account', pin.email]);
  if (pin.repository !== undefined) facts.push(['Repository', pin.repository]);
  if (pin.repositoryId !== undefined) {
    facts.push(['Repository id', `${pin.repositoryId}: this very repository, not one re-created under its name`]);
  }
  if (pin.ownerId !== undefined) facts.push(['Owner id', `${pin.ownerId}: the same owner account`]);
  if (pin.workflowPath !== undefined) facts.push(['Workflow', pin.workflowPath]);
  if (pin.builder !== undefined) facts.push(['Built by', `${describeBuilderUri(pin.builder)}, at any ref`]);
  return facts;
}

function PinSummary({ pin, lead }: { pin: IdentityPin; lead: string }) {
  return (
    <div class="pl-pin-summary">
      <p class="pl-muted">{lead}</p>
      <dl class="pl-fields">
        {pinFacts(pin).map(([term, value]) => [<dt key={`t-${term}`}>{term}</dt>, <dd key={`d-${term}`}>
            <Breakable value={value} />
          </dd>])}
      </dl>
    </div>
  );
}

export function PinControls({ ask, verdict, onVerdict }: Props) {
  const { registry, name, version } = verdict.pkg;
  const [info, setInfo] = useState<PinInfo | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    let live = true;
    void ask({ type: 'page/pin-get', pkg: { registry, name } }).then((reply) => {
      if (!live) return;
      if (reply.ok) setInfo(reply.value);
      else setStatus(`Couldn't read the pin: ${codeText(reply.code)}`);
    });
    return () => {
      live = false;
    };
  }, [ask, registry, name]);

  // With the version, the worker answers that version's verdict under the changed pin.
  const pkg: PackageName & { version?: string } = version === '' ? { registry, name } : { registry, name, version };
  // Only a verdict that verified may propose its signer: never one that failed a check.
  const offer = verdict.status === 'verified' || verdict.status === 'partial' ? pinFromIdentity(verdict.identity) : null;

  const pin = async (chosen: IdentityPin) => {
    const reply = await ask({ type: 'page/pin-set', pkg, pin: chosen });
    if (!reply.ok) return setStatus(`Not pinned: ${reply.message || codeText(reply.code)}`);
    setInfo((old) => ({ pin: reply.value.pin, seen: old?.seen ?? [] }));
    setStatus(`Pinned to ${describePin(reply.value.pin)}.`);
    if (reply.value.verdict !== null) onVerdict(reply.value.verdict);
  };

  const unpin = async () => {
    const reply = await ask({ type: 'page/pin-remove', pkg });
    if (!reply.ok) return setStatus(`Not unpinned: ${reply.message || codeText(reply.code)}`);
    setInfo((old) => ({ pin: null, seen: old?.seen ?? [] }));
    setStatus(reply.value.removed ? 'Unpinned.' : 'There was no pin.');
    if (reply.value.verdict !== null) onVerdict(reply.value.verdict);
  };

  return (
    <Fold title="Publisher pin" open>
      {info?.pin != null ? (
        <>
          <p>
            Pinned to{' '}
            <strong>
              <Breakable value={describePin(info.pin)} />
            </strong> <span class="pl-muted">
              via <Breakable value={info.pin.issuer} />
            </span>
          </p>
          <PinSummary pin={info.pin} lead="Every version must be signed by:" />
          <button type="button" class="pl-button" onClick={() => void unpin()}>
            Unpin
          </button>
        </>
      ) : null}
      {info !== null && info.pin === null && offer !== null ? (
        <>
          <button type="button" class="pl-button" onClick={() => void pin(offer)}>
            Pin this package to{' '}
            <span class="pl-long" title={describePin(offer)}>
              {describePin(offer)}
            </span>
          </button>
          <PinSummary pin={offer} lead="Once pinned, every version must be signed by:" />
        </>
      ) : null}
      {info !== null && info.pin === null && offer === null ? (
        <p class="pl-muted">Not pinned. A version with verified provenance can be pinned to its publisher.</p>
      ) : null}
      <p role="status" aria-live="polite" class="pl-muted">
        {status}
      </p>
      {info !== null && info.seen.length > 0 ? <SeenList seen={info.seen} /> : null}
    </Fold>
  );
}
