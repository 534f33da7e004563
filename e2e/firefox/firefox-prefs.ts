// Preferences for the Firefox under test. Two jobs: send every connection through the local
// CONNECT proxy (the only route to the fixture server), and stop the background services that
// would otherwise try to phone home. puppeteer's own profile defaults (dummy.test servers,
// safe-browsing off, no add-on updates) are applied underneath these.

export interface FirefoxPrefsInput {
  proxyPort: number;
  /** browser_specific_settings.gecko.id of the built extension. */
  geckoId: string;
  /** The moz-extension:// host the extension gets, fixed so specs can open its pages. */
  extensionUuid: string;
}

export type FirefoxPrefs = Record<string, string | number | boolean>;

function proxyPrefs(port: number): FirefoxPrefs {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': port,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.socks': '',
    'network.proxy.socks_remote_dns': false,
    // Nothing bypasses the proxy, localhost included; and a refused CONNECT must never fall
    // back to a direct connection.
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.proxy.failover_direct': false,
    // The proxy resolves names, not Firefox: no DNS, no DNS-over-HTTPS, no prefetching.
    'network.trr.mode': 5,
    'network.dns.disablePrefetch': true,
    'network.dns.native_https_query': false,
    'network.prefetch-next': false,
    'network.predictor.enabled': false,
    'network.http.speculative-parallel-limit': 0,
    'network.http.http3.enable': false,
  };
}

const QUIET: FirefoxPrefs = {
  'network.connectivity-service.enabled': false,
  'network.captive-portal-service.enabled': false,
  'captivedetect.canonicalURL': '',
  // Honoured only with MOZ_DISABLE_NONLOCAL_CONNECTIONS=1 in the environment (launch-firefox.ts);
  // this value makes remote settings skip all network activity instead of polling
  // firefox.settings.services.mozilla.com (which the proxy would refuse, every few seconds).
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'app.update.enabled': false,
  'app.update.auto': false,
  'app.normandy.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.search.geoip.url': '',
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.ping-centre.telemetry': false,
  'browser.topsites.contile.enabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.coverage.opt-out': true,
  'extensions.getAddons.cache.enabled': false,
  'extensions.update.enabled': false,
  'extensions.blocklist.enabled': false,
  'extensions.systemAddon.update.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'security.OCSP.enabled': 0,
  'security.remote_settings.crlite_filters.enabled': false,
  'security.remote_settings.intermediates.enabled': false,
  'services.sync.engine.addons': false,
  'identity.fxaccounts.enabled': false,
};

export function firefoxPrefs(input: FirefoxPrefsInput): FirefoxPrefs {
  return {
    ...proxyPrefs(input.proxyPort),
    ...QUIET,
    // Firefox otherwise picks a random moz-extension:// host per profile at install time.
    'extensions.webextensions.uuids': JSON.stringify({ [input.geckoId]: input.extensionUuid }),
  };
}
