'use strict';
// The runtime lives in scripts/lib/ (n8n-runtime.js and its parts); this path stays for e2e case files that
// require it from here.
module.exports = require('./lib/n8n-runtime');
