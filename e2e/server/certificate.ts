// A throwaway self-signed TLS certificate for the fixture hosts, made at server start so no
// key material is ever stored in the repo. Chromium is started with --ignore-certificate-errors.
import { webcrypto } from 'node:crypto';

// @peculiar/x509 resolves its services through tsyringe, which refuses to load without the
// Reflect metadata API. The project has no reflect-metadata dependency and tsyringe only needs
// these three calls, so a WeakMap-backed stand-in is installed before x509 is imported.
function installReflectMetadataShim(): void {
  type MetadataStore = Map<unknown, unknown>;
  const stores = new WeakMap<object, MetadataStore>();

  interface ReflectMetadataApi {
    getMetadata?: (key: unknown, target: object) => unknown;
    getOwnMetadata?: (key: unknown, target: object) => unknown;
    defineMetadata?: (key: unknown, value: unknown, target: object) => void;
  }

  const reflect = Reflect as unknown as ReflectMetadataApi;

  if (typeof reflect.getMetadata !== 'function') {
    const own = (key: unknown, target: object): unknown => stores.get(target)?.get(key);
    reflect.getOwnMetadata = own;
    reflect.getMetadata = (key, target) => {
      for (let t: object | null = target; t; t = Object.getPrototypeOf(t) as object | null) {
        const value = own(key, t);
        if (value !== undefined) return value;
      }
      return undefined;
    };
    reflect.defineMetadata = (key, value, target) => {
      const store = stores.get(target) ?? new Map<unknown, unknown>();
      store.set(key, value);
      stores.set(target, store);
    };
  }
}

// tuf-repo-cdn.sigstore.dev: the worker's TUF refresh, answered by tuf-routes.ts (404 unless a spec serves a repo).
export const FIXTURE_HOSTS = ['pypi.org', 'www.npmjs.com', 'registry.npmjs.org', 'tuf-repo-cdn.sigstore.dev'] as const;

export interface TlsMaterial {
  key: string;
  cert: string;
}

function toPem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export async function makeSelfSignedCertificate(hosts: readonly string[] = FIXTURE_HOSTS): Promise<TlsMaterial> {
  installReflectMetadataShim();
  const x509 = await import('@peculiar/x509');
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Date.now().toString(16),
    name: 'CN=Provenance Lens e2e fixture server',
    notBefore: new Date(now - 24 * 3600 * 1000),
    notAfter: new Date(now + 7 * 24 * 3600 * 1000),
    keys,
    signingAlgorithm: alg,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(hosts.map((value) => ({ type: 'dns' as const, value }))),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { key: toPem('PRIVATE KEY', pkcs8), cert: cert.toString('pem') };
}
