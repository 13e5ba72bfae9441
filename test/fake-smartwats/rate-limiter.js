// @ts-check
'use strict';
/**
 * Laravel's `throttle:api` as SmartWats runs it (API reference §4): a fixed window that starts at the first hit,
 * keyed by client IP (the limiter runs before the token middleware logs the vendor in, so every vendor calling
 * from one IP shares it). A refused request does not count as a hit.
 */
class FixedWindowLimiter {
	/**
	 * @param {{limit: number, windowMs: number}} config
	 * @param {() => number} [now]
	 */
	constructor(config, now = () => Date.now()) {
		this.limit = config.limit;
		this.windowMs = config.windowMs;
		this.now = now;
		/** @type {Map<string, { hits: number, resetAt: number }>} */
		this.windows = new Map();
	}

	/**
	 * Counts one request for `key`. Returns the headers to send and whether the request may pass.
	 * Retry-After is whole seconds, rounded up, at least 1 — what a client can actually wait for.
	 * @param {string} key
	 * @returns {{ allowed: boolean, headers: Record<string, string> }}
	 */
	hit(key) {
		const now = this.now();
		let window = this.windows.get(key);
		if (!window || now >= window.resetAt) {
			window = { hits: 0, resetAt: now + this.windowMs };
			this.windows.set(key, window);
		}
		if (window.hits >= this.limit) {
			const retryAfter = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
			return {
				allowed: false,
				headers: {
					'X-RateLimit-Limit': String(this.limit),
					'X-RateLimit-Remaining': '0',
					'Retry-After': String(retryAfter),
					'X-RateLimit-Reset': String(Math.ceil(window.resetAt / 1000)),
				},
			};
		}
		window.hits++;
		return {
			allowed: true,
			headers: {
				'X-RateLimit-Limit': String(this.limit),
				'X-RateLimit-Remaining': String(this.limit - window.hits),
			},
		};
	}
}

module.exports = { FixedWindowLimiter };
