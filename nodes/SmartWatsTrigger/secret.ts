import { createHash, timingSafeEqual } from 'crypto';

/**
 * Whether the `secret` query value of a request equals the configured secret, compared in constant time.
 * Both sides are hashed first so that values of different lengths compare in the same time too.
 * A repeated `?secret=` (an array) or a missing one never matches.
 */
export function secretMatches(expected: string, received: unknown): boolean {
	if (typeof received !== 'string') return false;
	const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
	return timingSafeEqual(digest(expected), digest(received));
}
