'use strict';
// What every part of the real-n8n runtime shares: the repository's location, the message style and the error type.

const fs = require('node:fs');
const path = require('node:path');

const REPO = path.resolve(__dirname, '..', '..');
/** Per-run folders (user folders, packed tarballs); git-ignored. */
const WORK_ROOT = path.join(REPO, '.e2e');

/** A failure the user can act on: shown as its message alone, without a stack. */
class RuntimeError extends Error {}

const say = (message) => process.stderr.write(`[n8n-runtime] ${message}\n`);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The last `lines` lines of a finished command's output, for error messages. */
function tail(result, lines = 40) {
	return (result.stdout + '\n' + result.stderr).trim().split('\n').slice(-lines).join('\n');
}

module.exports = { REPO, WORK_ROOT, RuntimeError, say, seconds, readJson, tail };
