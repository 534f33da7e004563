// The PyPI origin: the site the content script runs on and the API the worker reads are the
// same host. The only place outside manifest.json that names it.
export const PYPI_ORIGIN = 'https://pypi.org';
