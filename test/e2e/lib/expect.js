'use strict';
// Assertions for the e2e cases: what n8n's execution returned and what the simulator received.

const util = require('node:util');

class ExpectationError extends Error {}

const show = (value) => util.inspect(value, { depth: 6, breakLength: 120, maxStringLength: 400 });

/**
 * Partial deep match: objects need only the expected keys, arrays must match element by element (same length),
 * a RegExp tests the string form, a function is a predicate, `undefined` means "absent".
 */
function matches(actual, expected) {
	if (expected instanceof RegExp)
		return actual !== undefined && actual !== null && expected.test(String(actual));
	if (typeof expected === 'function') return Boolean(expected(actual));
	if (Array.isArray(expected)) {
		return (
			Array.isArray(actual) &&
			actual.length === expected.length &&
			expected.every((e, i) => matches(actual[i], e))
		);
	}
	if (expected && typeof expected === 'object') {
		if (!actual || typeof actual !== 'object') return false;
		return Object.entries(expected).every(([key, value]) => matches(actual[key], value));
	}
	return actual === expected;
}

function fail(message) {
	throw new ExpectationError(message);
}

function summarizeJournal(journal) {
	if (!journal.length) return '  (the simulator received no requests)';
	return journal
		.map(
			(e) =>
				`  #${e.seq} ${e.method} ${e.endpoint} → ${e.status}${e.body && Object.keys(e.body).length ? ` body ${show(e.body)}` : ''}${e.query && Object.keys(e.query).length ? ` query ${show(e.query)}` : ''}`,
		)
		.join('\n');
}

function describeFailure(result) {
	const error = result.error;
	const message = error
		? `${error.message ?? ''}${error.description ? ` — ${error.description}` : ''}`
		: '';
	return `execution ${result.execution ? `status ${result.execution.status}` : 'printed no run data'}, exit ${result.code}${message ? `: ${message}` : ''}\n--- n8n output (tail) ---\n${result.log}`;
}

const expect = {
	matches,
	show,
	fail,

	/** The execution finished without error. */
	success(result) {
		if (!result.ok) fail(`expected a successful execution; ${describeFailure(result)}`);
	},

	/** The execution failed; `pattern` (RegExp or string) must occur in the error message or description. */
	failure(result, pattern) {
		if (result.ok) fail('expected the execution to fail, but it succeeded');
		if (!result.error) fail(`expected an execution error, got none; ${describeFailure(result)}`);
		if (pattern) {
			const text = `${result.error.message ?? ''}\n${result.error.description ?? ''}`;
			const ok = pattern instanceof RegExp ? pattern.test(text) : text.includes(pattern);
			if (!ok) fail(`execution error ${show(text)} does not match ${pattern}`);
		}
		return result.error;
	},

	/** A node's output items (json), checked to exist; `count` optionally fixes how many. */
	output(result, nodeName, count) {
		const items = result.output(nodeName);
		if (items === undefined)
			fail(
				`node "${nodeName}" did not run; nodes that ran: ${Object.keys(result.runData).join(', ') || 'none'}`,
			);
		if (count !== undefined && items.length !== count)
			fail(`node "${nodeName}" output ${items.length} items, expected ${count}: ${show(items)}`);
		return items;
	},

	/** Exactly one journal entry matches `{ method, endpoint, body, query, status }` (partially); returns it. */
	call(journal, pattern) {
		const found = journal.filter((entry) => matches(entry, pattern));
		if (found.length === 1) return found[0];
		fail(
			`expected exactly one request matching ${show(pattern)}, found ${found.length}. The simulator received:\n${summarizeJournal(journal)}`,
		);
	},

	/** All journal entries matching `pattern`, checking how many there are. */
	calls(journal, pattern, count) {
		const found = journal.filter((entry) => matches(entry, pattern));
		if (count !== undefined && found.length !== count) {
			fail(
				`expected ${count} requests matching ${show(pattern)}, found ${found.length}. The simulator received:\n${summarizeJournal(journal)}`,
			);
		}
		return found;
	},

	/** The journal holds these requests in this order and nothing else (each matched partially). */
	journal(journal, patterns) {
		const ok =
			journal.length === patterns.length && patterns.every((p, i) => matches(journal[i], p));
		if (!ok)
			fail(
				`expected the simulator to receive exactly:\n${patterns.map((p) => `  ${show(p)}`).join('\n')}\nIt received:\n${summarizeJournal(journal)}`,
			);
	},

	/** `actual` matches `expected` (partial deep match). */
	like(actual, expected, what = 'value') {
		if (!matches(actual, expected))
			fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
	},

	equal(actual, expected, what = 'value') {
		if (!util.isDeepStrictEqual(actual, expected))
			fail(`${what}: expected ${show(expected)}, got ${show(actual)}`);
	},

	ok(condition, message) {
		if (!condition) fail(message);
	},
};

module.exports = { expect, ExpectationError, summarizeJournal };
