// The npm hosts: the website the content script runs on and the registry API the worker
// reads. The only place outside manifest.json that names them.
export const NPM_SITE_ORIGIN = 'https://www.npmjs.com';
export const NPM_REGISTRY_ORIGIN = 'https://registry.npmjs.org';
