import { createHash, timingSafeEqual } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IHookFunctions,
	INodeCredentialTestResult,
	IWebhookFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const TRIGGER_CREDENTIAL = 'smartWatsTriggerApi';

/** Characters that survive being pasted into a URL's query as they are. */
const URL_SAFE = /^[A-Za-z0-9._~-]+$/;

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

function describe(value: unknown): string {
	if (value === null || value === undefined) return 'no value';
	if (Array.isArray(value)) return 'a list';
	if (typeof value === 'number' && !Number.isFinite(value)) return 'a number that is not finite';
	return `a value of type ${typeof value}`;
}

/**
 * A secret as text, or why it is unusable. Numbers and booleans are their text (an expression such as
 * `{{ 20250131 }}` means the digits); anything else would compare as "[object Object]" or "null" and refuse every
 * call, so it is reported instead.
 */
function secretText(value: unknown): { secret: string } | { unusable: string } {
	if (typeof value === 'string') return { secret: value.trim() };
	if (
		(typeof value === 'number' && Number.isFinite(value)) ||
		typeof value === 'boolean' ||
		typeof value === 'bigint'
	)
		return { secret: String(value) };
	return { unusable: describe(value) };
}

/**
 * The secret calls must carry, or undefined when the trigger takes calls without one. Version 1 keeps it in the
 * Secret parameter (stored in the workflow); later versions in a SmartWats Trigger API credential (encrypted, not
 * exported). Throws when a secret is configured but unusable, so that n8n refuses to publish the workflow (this runs
 * in `create`) and records a failed execution for a call, instead of starting the workflow unprotected.
 */
export async function configuredSecret(
	this: IWebhookFunctions | IHookFunctions,
): Promise<string | undefined> {
	const node = this.getNode();
	if (node.typeVersion < 1.1) {
		const raw = this.getNodeParameter('secret', '', { rawExpressions: true });
		if (typeof raw === 'string' && !raw.startsWith('=') && raw.trim() === '') return undefined;
		const read = secretText(this.getNodeParameter('secret', ''));
		if ('unusable' in read)
			throw new NodeOperationError(node, `The Secret's expression gave ${read.unusable}`, {
				description:
					'Make the expression return the secret as text, or keep the secret in a credential: add a new SmartWats Trigger node, set Authentication to "Secret in URL" and create a SmartWats Trigger API credential.',
			});
		if (read.secret === '')
			throw new NodeOperationError(node, "The Secret's expression gave an empty value", {
				description:
					'Make the expression return the secret (a missing variable gives an empty value), or clear the Secret field to take calls without one.',
			});
		return read.secret;
	}

	if (this.getNodeParameter('authentication', 'none') !== 'urlSecret') return undefined;
	const credentials = await this.getCredentials<ICredentialDataDecryptedObject>(TRIGGER_CREDENTIAL);
	const read = secretText(credentials.secret);
	if ('unusable' in read || read.secret === '')
		throw new NodeOperationError(node, 'The SmartWats Trigger API credential has no secret', {
			description: 'Open the credential and enter the secret that the URL in SmartWats carries.',
		});
	return read.secret;
}

/** The credential's test: what can be checked without SmartWats, which has no endpoint that knows the secret. */
export function testSecretCredential(
	data: ICredentialDataDecryptedObject | undefined,
): INodeCredentialTestResult {
	const read = secretText(data?.secret);
	if ('unusable' in read || read.secret === '')
		return { status: 'Error', message: 'Enter a secret' };
	if (!URL_SAFE.test(read.secret))
		return {
			status: 'Error',
			message:
				'The secret contains characters that change meaning in a URL (such as spaces, "&", "#" or "+"). Use only letters, digits, "-", ".", "_" and "~", so it can be pasted after ?secret= as it is.',
		};
	return { status: 'OK', message: 'The secret can be pasted into the URL as it is' };
}
